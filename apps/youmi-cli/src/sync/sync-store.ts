import { Client, escapeIdentifier } from 'pg';
import type { ChangeEventDto } from '@youmi-facade/sdk';
import { MIGRATIONS } from './sync-migrations';
import { keyOf, rowOf, SYNC_TABLES, type SyncTable } from './sync-tables';

/** What `sync_state` holds: null until a first load has committed. */
export interface SyncState {
  /** The last change event applied; null while the feed had none. */
  cursor: string | null;
  loads: number;
  eventsApplied: number;
}

/** A failure of the database (or of the connection to it), with pg's error as the cause. */
export class StoreError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'StoreError';
  }
}

/** The schema was written by a newer `youmi sync` than this one. */
export class NewerSchemaError extends Error {}

export type Insert = (table: SyncTable, records: readonly unknown[]) => Promise<void>;

/**
 * The synced tables of one schema, over one connection. Every write is a transaction that also moves
 * `sync_state`, so what is committed and the cursor never disagree; calls are run one at a time.
 */
export class SyncStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly schema: string;

  private constructor(
    private readonly client: Client,
    schema: string,
  ) {
    this.schema = escapeIdentifier(schema);
  }

  static async open(databaseUrl: string, schema: string): Promise<SyncStore> {
    const client = new Client({
      connectionString: databaseUrl,
      application_name: 'youmi sync',
      connectionTimeoutMillis: 10_000,
    });
    // A connection lost while idle is reported by the next query; without a listener it would end the
    // process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new StoreError(error);
    }
    return new SyncStore(client, schema);
  }

  /** Holds the schema for this connection's life; false when another sync holds it (then waits for it). */
  async lock(onWait: () => void): Promise<void> {
    await this.serial(async () => {
      const key = `youmi sync ${this.schema}`;
      const { rows } = await this.client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      );
      if (rows[0]?.locked) return;
      onWait();
      await this.client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    });
  }

  /** Creates the schema and its tables, or brings them to the latest version; answers both versions. */
  async migrate(): Promise<{ from: number; to: number }> {
    return this.transaction(async () => {
      await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await this.client.query(
        `CREATE TABLE IF NOT EXISTS ${this.schema}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await this.client.query<{ version: number }>(
        `SELECT coalesce(max(version), 0) AS version FROM ${this.schema}.schema_version`,
      );
      const from = rows[0]?.version ?? 0;
      const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
      if (from > latest)
        throw new NewerSchemaError(
          `the schema is at version ${from}, written by a newer youmi sync (this one knows up to ${latest})`,
        );
      for (const migration of MIGRATIONS) {
        if (migration.version <= from) continue;
        await this.client.query(migration.sql.replaceAll('$schema', this.schema));
        await this.client.query(
          `INSERT INTO ${this.schema}.schema_version (version, description) VALUES ($1, $2)`,
          [migration.version, migration.description],
        );
      }
      return { from, to: latest };
    });
  }

  async state(): Promise<SyncState | null> {
    return this.serial(async () => {
      const { rows } = await this.client.query<{
        cursor: string | null;
        loads: number;
        events_applied: string;
      }>(`SELECT cursor, loads, events_applied FROM ${this.schema}.sync_state`);
      const row = rows[0];
      return row ? { cursor: row.cursor, loads: row.loads, eventsApplied: Number(row.events_applied) } : null;
    });
  }

  /**
   * Replaces every table with what `fill` inserts, and sets the cursor, in one transaction: until it
   * commits, readers see the previous copy, and a crash leaves that copy and its cursor.
   */
  async load(cursor: string | null, fill: (insert: Insert) => Promise<void>): Promise<void> {
    await this.transaction(async () => {
      // DELETE rather than TRUNCATE: readers keep the old rows meanwhile instead of waiting for the lock.
      for (const table of SYNC_TABLES) await this.client.query(`DELETE FROM ${this.schema}.${table.name}`);
      await fill((table, records) => this.upsert(table, records));
      await this.client.query(
        `INSERT INTO ${this.schema}.sync_state (cursor, loaded_at, updated_at) VALUES ($1, now(), now())
         ON CONFLICT (only_row) DO UPDATE SET cursor = EXCLUDED.cursor, loaded_at = now(), loads = sync_state.loads + 1, updated_at = now()`,
        [cursor],
      );
    });
  }

  /**
   * Applies change events, oldest first, and moves the cursor to `cursor`, in one transaction. Only the
   * last event of each record counts: `created` and `updated` write its data, `deleted` removes it.
   */
  async apply(events: readonly ChangeEventDto[], cursor: string): Promise<void> {
    const last = new Map<string, ChangeEventDto>();
    for (const event of events) {
      const id = `${event.resource}\u0000${event.key}`;
      last.delete(id);
      last.set(id, event);
    }
    await this.transaction(async () => {
      for (const table of SYNC_TABLES) {
        if (table.resource === null) continue;
        const mine = [...last.values()].filter((event) => event.resource === table.resource);
        const written = mine
          .filter((event) => event.data !== null && !event.type.endsWith('.deleted'))
          .map((event) => event.data);
        const deleted = mine
          .filter((event) => event.data === null || event.type.endsWith('.deleted'))
          .map((event) => keyOf(table, event.key)[0]);
        if (written.length > 0) await this.upsert(table, written);
        if (deleted.length > 0) await this.remove(table, deleted);
      }
      const { rowCount } = await this.client.query(
        `UPDATE ${this.schema}.sync_state SET cursor = $1, events_applied = events_applied + $2, updated_at = now()`,
        [cursor, events.length],
      );
      if (rowCount !== 1)
        throw new Error('sync_state has no row: events cannot be applied before a first load');
    });
  }

  /** Replaces the rows of a table the change feed does not carry with the list read just now. */
  async replace(table: SyncTable, records: readonly unknown[]): Promise<void> {
    await this.transaction(async () => {
      await this.client.query(`DELETE FROM ${this.schema}.${table.name}`);
      await this.upsert(table, records);
    });
  }

  /** Every row of a table, as `pg` reads it. */
  async rows(table: SyncTable): Promise<Record<string, unknown>[]> {
    return this.serial(
      async () =>
        (
          await this.client.query(
            `SELECT * FROM ${this.schema}.${table.name} ORDER BY ${table.key.join(', ')}`,
          )
        ).rows,
    );
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  /** Writes records by key; a record listed twice is written once, as listed last. */
  private async upsert(table: SyncTable, records: readonly unknown[]): Promise<void> {
    if (records.length === 0) return;
    const byKey = new Map<string, Record<string, unknown>>();
    for (const record of records) {
      const row = rowOf(table, record);
      byKey.set(JSON.stringify(table.key.map((column) => row[column])), row);
    }
    const columns = table.columns.map((column) => column.name).join(', ');
    const updates = table.columns
      .filter((column) => !table.key.includes(column.name))
      .map((column) => `${column.name} = EXCLUDED.${column.name}`);
    const target = `${this.schema}.${table.name}`;
    // One statement a batch: PostgreSQL turns the JSON array into typed rows itself.
    await this.client.query(
      `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${target}, $1::jsonb)
       ON CONFLICT (${table.key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
      [JSON.stringify([...byKey.values()])],
    );
  }

  private async remove(table: SyncTable, keys: readonly unknown[]): Promise<void> {
    const [column] = table.key;
    const type =
      table.columns.find((candidate) => candidate.name === column)?.type === 'integer' ? 'integer' : 'text';
    await this.client.query(`DELETE FROM ${this.schema}.${table.name} WHERE ${column} = ANY($1::${type}[])`, [
      keys,
    ]);
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.client.query('BEGIN');
      try {
        const result = await work();
        await this.client.query('COMMIT');
        return result;
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Runs `work` after every call before it, so that transactions never interleave on the connection. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      try {
        return await work();
      } catch (error) {
        throw error instanceof NewerSchemaError || error instanceof StoreError
          ? error
          : new StoreError(error);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
