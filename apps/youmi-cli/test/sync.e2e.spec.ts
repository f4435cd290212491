import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createFacadeClient, type ChangeEventDto, type FacadeClient } from '@youmi-facade/sdk';
import {
  findWorkspaceRoot,
  freePort,
  NEW_LABEL,
  startFacadeProcess,
  startSimulator,
  type RunningFacadeProcess,
  type RunningSimulator,
} from '@youmi-facade/testing';

// `youmi sync` as an operator runs it (the built CLI), against the built facade over the simulator, into
// the machine's PostgreSQL: each test in a schema of its own, dropped afterwards.

jest.setTimeout(120_000);

const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const entry = join(findWorkspaceRoot(), 'dist/apps/youmi-cli/main.js');
const API_KEY = 'sync-e2e-key-5c1d9a';
/** A password the database (trust authentication) ignores, so that the test can look for it in the output. */
const PASSWORD = 'sync-e2e-pw-77e0';

/** The tables and the list each mirrors, with the key that orders both sides. */
const LISTS = {
  operator_accounts: 'listOperatorAccounts',
  staff: 'listStaff',
  staff_assignments: 'listStaffAssignments',
  label_categories: 'listLabelCategories',
  labels: 'listLabels',
  ad_groups: 'listAdGroups',
  custom_attributes: 'listCustomAttributes',
} as const;

interface Stack {
  sim: RunningSimulator;
  facade: RunningFacadeProcess;
  api: FacadeClient;
}

async function startStack(
  facadeEnv: Record<string, string> = {},
  simEnv: Record<string, string> = {},
): Promise<Stack> {
  const sim = await startSimulator({ env: simEnv });
  const facade = await startFacadeProcess({
    UPSTREAM_BASE_URL: sim.baseUrl,
    UPSTREAM_APP_ID: sim.appId,
    UPSTREAM_APP_KEY: sim.appKey,
    FACADE_API_KEYS: API_KEY,
    RATE_LIMIT_PER_MINUTE: '1000000',
    CHANGES_POLL_SECONDS: '1',
    // Staff assignments are not in the feed: uncached, so that a change at the vendor shows in the list at
    // once.
    CACHE_TTL_SECONDS: '0',
    ...facadeEnv,
  });
  // The facade's first poll is a baseline that records no events: a change made before it would never be in
  // the feed.
  await eventually(
    async () =>
      /^facade_change_polls_total\{outcome="ok"\} [1-9]/m.test(
        await (await fetch(`${facade.origin}/metrics`)).text(),
      ),
    Boolean,
    "the facade's first poll",
  );
  return { sim, facade, api: createFacadeClient({ baseUrl: facade.origin, apiKey: API_KEY }) };
}

async function stopStack(stack: Stack | undefined): Promise<void> {
  await stack?.facade.stop();
  await stack?.sim.stop();
}

interface SyncProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startSync(args: string[], env: Record<string, string> = {}): SyncProcess {
  const child = spawn(process.execPath, [entry, 'sync', ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, output: () => stdout + stderr, exited };
}

function syncOnce(stack: Stack, schema: string, extra: string[] = []) {
  return startSync(['--once', '--schema', schema, ...extra], {
    YOUMI_FACADE_URL: stack.facade.origin,
    FACADE_API_KEY: API_KEY,
    DATABASE_URL: databaseUrl(),
  }).exited;
}

/** The test database's URL with a password in it. */
function databaseUrl(): string {
  const url = new URL(DATABASE_URL);
  url.password = PASSWORD;
  return url.toString();
}

let db: Client;
let schema: string;

beforeAll(async () => {
  db = new Client({ connectionString: DATABASE_URL });
  // No PostgreSQL, no test: this fails loudly, it never skips.
  await db.connect();
});
afterAll(() => db?.end());
beforeEach(() => {
  schema = `sync_e2e_${randomBytes(5).toString('hex')}`;
});
afterEach(async () => {
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A table's rows as the API's records: camelCase fields, times in ISO form, the copy of a nested key left
 * out.
 */
async function tableRecords(table: keyof typeof LISTS): Promise<unknown[]> {
  const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table}`);
  return sorted(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (table === 'staff_assignments' && column === 'account_id') {
          expect(value).toBe((row['account'] as { id: number }).id);
          continue;
        }
        record[camel(column)] = value instanceof Date ? value.toISOString() : value;
      }
      return record;
    }),
  );
}

async function restRecords(api: FacadeClient, table: keyof typeof LISTS): Promise<unknown[]> {
  const records: unknown[] = [];
  for await (const record of api.all(LISTS[table])) records.push(record);
  return sorted(records);
}

/**
 * A value's JSON with the keys of every object sorted, so that two records compare whatever their key order.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}

/** The records in one order whatever order they came in. */
function sorted(records: unknown[]): unknown[] {
  return records
    .map((record) => [canonical(record), record] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, record]) => record);
}

async function expectTablesEqualRest(api: FacadeClient): Promise<void> {
  for (const table of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const [inTable, inRest] = [await tableRecords(table), await restRecords(api, table)];
    expect({ table, records: inTable }).toEqual({ table, records: inRest });
  }
}

async function tablesEqualRest(api: FacadeClient): Promise<boolean> {
  for (const table of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    if (canonical(await tableRecords(table)) !== canonical(await restRecords(api, table))) return false;
  }
  return true;
}

async function syncState(): Promise<{ cursor: string | null; loads: number; events_applied: string }> {
  const { rows } = await db.query(`SELECT cursor, loads, events_applied FROM ${schema}.sync_state`);
  return rows[0];
}

async function feed(api: FacadeClient, after?: string): Promise<ChangeEventDto[]> {
  const events: ChangeEventDto[] = [];
  for await (const event of api.changes(after ? { after, limit: 1000 } : { limit: 1000 })) events.push(event);
  return events;
}

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  withinMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('youmi sync --once', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stopStack(stack);
    stack = undefined;
  });

  it('creates the schema on a first load whose tables equal the REST lists, typed, the label tree and staff accounts derivable by joins', async () => {
    stack = await startStack();
    const run = await syncOnce(stack, schema);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`created schema ${schema} (version 1)`);
    expect(run.stdout).toMatch(
      /^youmi sync: done in [\d.]+ s: first load of \d+ rows in [\d.]+ s \(operator_accounts \d+, staff \d+, staff_assignments \d+, label_categories \d+, labels \d+, ad_groups \d+, custom_attributes \d+\); 0 events applied; cursor none/,
    );
    expect(run.stdout).toContain(`postgres://postgres:***@127.0.0.1:5432/test`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(run.stdout + run.stderr).not.toContain(API_KEY);
    await expectTablesEqualRest(stack.api);

    const { rows: versions } = await db.query(`SELECT version FROM ${schema}.schema_version`);
    expect(versions).toEqual([{ version: 1 }]);
    const { rows: types } = await db.query(
      `SELECT table_name || '.' || column_name AS c, data_type FROM information_schema.columns WHERE table_schema = $1 AND column_name IN ('id', 'added_at', 'friend_count', 'authorizations', 'add_friend_tasks_enabled', 'operator_account_ids') ORDER BY 1`,
      [schema],
    );
    expect(
      Object.fromEntries(types.map((row: { c: string; data_type: string }) => [row.c, row.data_type])),
    ).toMatchObject({
      'operator_accounts.id': 'integer',
      'operator_accounts.added_at': 'timestamp with time zone',
      'operator_accounts.friend_count': 'integer',
      'operator_accounts.authorizations': 'jsonb',
      'operator_accounts.add_friend_tasks_enabled': 'boolean',
      'ad_groups.operator_account_ids': 'jsonb',
    });

    const { rows: tree } = await db.query(
      `SELECT c.id, c.name, c.selection, coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name) ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL), '[]') AS labels
         FROM ${schema}.label_categories c LEFT JOIN ${schema}.labels l ON l.category_id = c.id GROUP BY c.id ORDER BY c.id`,
    );
    const restTree = (await stack.api.getLabelTree()).data.map((category) => ({
      id: category.id,
      name: category.name,
      selection: category.selection,
      labels: category.labels.map((label) => ({ id: label.id, name: label.name })),
    }));
    expect(tree).toEqual(restTree);

    // The README's query: each staff member with the operator accounts they run.
    const { rows: runs } = await db.query(
      `SELECT s.code, s.name, o.id AS account_id, o.wechat_id, o.friend_count
         FROM ${schema}.staff s JOIN ${schema}.staff_assignments a ON a.staff_code = s.code JOIN ${schema}.operator_accounts o ON o.id = a.account_id
        ORDER BY s.code, o.id`,
    );
    const b01 = (await stack.api.listStaffOperatorAccounts('b01')).data;
    expect(
      runs
        .filter((row: { code: string }) => row.code === 'b01')
        .map((row: { account_id: number; wechat_id: string }) => [row.account_id, row.wechat_id]),
    ).toEqual(b01.map((account) => [account.id, account.wechatId]));
    expect(runs.length).toBeGreaterThan(0);
  });

  it('applies renames, additions and removals at the vendor, exactly once, and exits 0 at the end of the feed', async () => {
    stack = await startStack();
    expect((await syncOnce(stack, schema)).code).toBe(0);
    const loaded = await syncState();
    await stack.sim.changeRecords(
      { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '王秀娟（离职）' } },
      { endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL },
      { endpoint: 'AdManage', op: 'remove', key: 151 },
      { endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01:3516' },
    );
    const api = stack.api;
    const events = await eventually(
      () => feed(api),
      (all) =>
        all.some((e) => e.type === 'ad-groups.deleted') &&
        all.some((e) => e.type === 'labels.created') &&
        all.some((e) => e.type === 'staff.updated'),
      'the three events',
    );

    const run = await syncOnce(stack, schema);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^youmi sync: done in [\\d.]+ s: ${events.length} events? applied; cursor ${events.at(-1)?.id} `,
      ),
    );
    await expectTablesEqualRest(api);
    const { rows } = await db.query(`SELECT name FROM ${schema}.staff WHERE code = 'b03'`);
    expect(rows).toEqual([{ name: '王秀娟（离职）' }]);
    expect((await db.query(`SELECT 1 FROM ${schema}.ad_groups WHERE id = 151`)).rowCount).toBe(0);
    expect(
      (await db.query(`SELECT account_id FROM ${schema}.staff_assignments WHERE staff_code = 'b01'`)).rows,
    ).toEqual([{ account_id: 3521 }]);
    expect(await syncState()).toEqual({
      cursor: events.at(-1)?.id,
      loads: 1,
      events_applied: String(events.length),
    });
    expect(loaded).toEqual({ cursor: null, loads: 1, events_applied: '0' });

    // Nothing new: nothing applied, nothing changed.
    const again = await syncOnce(stack, schema);
    expect(again.stdout).toMatch(/: 0 events applied; cursor /);
    expect(await syncState()).toEqual({
      cursor: events.at(-1)?.id,
      loads: 1,
      events_applied: String(events.length),
    });
  });

  it('killed with SIGKILL in the middle of a batch, commits none of it, and once run again ends equal with no event applied twice', async () => {
    stack = await startStack({}, { SIM_DATASET: 'synthetic', SIM_SCALE: '0.2' });
    const api = stack.api;
    expect((await syncOnce(stack, schema)).code).toBe(0);
    const before = await syncState();
    const ids: number[] = [];
    for await (const account of api.all('listOperatorAccounts')) if (ids.length < 1500) ids.push(account.id);
    await stack.sim.changeRecords(
      ...ids.map((id) => ({
        endpoint: 'WeCaht' as const,
        op: 'update' as const,
        key: id,
        set: { ad_wechat_nickname: `改名-${id}` },
      })),
    );
    const events = await eventually(
      () => feed(api),
      (all) => all.filter((e) => e.type === 'operator-accounts.updated').length >= ids.length,
      'the renames in the feed',
    );
    expect(events.length).toBeGreaterThan(1000);

    // The test holds the cursor's row: the sync's first batch writes its rows, then waits to move the cursor.
    const holder = new Client({ connectionString: DATABASE_URL });
    await holder.connect();
    let killed: Awaited<SyncProcess['exited']>;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT * FROM ${schema}.sync_state FOR UPDATE`);
      const sync = startSync(['--once', '--schema', schema], {
        YOUMI_FACADE_URL: stack.facade.origin,
        FACADE_API_KEY: API_KEY,
        DATABASE_URL: databaseUrl(),
      });
      await eventually(
        async () =>
          (
            await db.query(
              `SELECT query FROM pg_stat_activity WHERE application_name = 'youmi sync' AND wait_event_type = 'Lock'`,
            )
          ).rows,
        (rows) =>
          rows.some(
            (row: { query: string }) => row.query.includes('UPDATE') && row.query.includes('sync_state'),
          ),
        'the sync waiting to move the cursor',
      );
      sync.child.kill('SIGKILL');
      killed = await sync.exited;
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(killed.signal).toBe('SIGKILL');
    // The batch died with its transaction: no rename is in the table, the cursor has not moved.
    await eventually(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'youmi sync'`,
          )
        ).rows[0].n,
      (n) => n === 0,
      'the killed connection gone',
    );
    expect(await syncState()).toEqual(before);
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM ${schema}.operator_accounts WHERE nickname LIKE '改名-%'`,
        )
      ).rows,
    ).toEqual([{ n: 0 }]);

    const run = await syncOnce(stack, schema);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`: ${events.length} events applied; cursor ${events.at(-1)?.id} `);
    expect(await syncState()).toEqual({
      cursor: events.at(-1)?.id,
      loads: 1,
      events_applied: String(events.length),
    });
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM ${schema}.operator_accounts WHERE nickname LIKE '改名-%'`,
        )
      ).rows,
    ).toEqual([{ n: ids.length }]);
    await expectTablesEqualRest(api);
  });

  it('reloads every table, with a warning, when the feed no longer has its cursor (410)', async () => {
    stack = await startStack({ CHANGES_RETENTION: '2' });
    const api = stack.api;
    await stack.sim.changeRecords({
      endpoint: 'staff',
      op: 'update',
      key: 'b03',
      set: { ad_staff_name: '一' },
    });
    const [first] = await eventually(
      () => feed(api),
      (all) => all.length === 1,
      'the first event',
    );
    expect((await syncOnce(stack, schema)).code).toBe(0);
    expect((await syncState()).cursor).toBe(first.id);

    await stack.sim.changeRecords(
      { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '二' } },
      { endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL },
      { endpoint: 'AdManage', op: 'remove', key: 151 },
    );
    await eventually(
      () => feed(api),
      (all) => all.some((e) => e.type === 'ad-groups.deleted') && !all.some((e) => e.id === first.id),
      'the first event gone',
    );
    const run = await syncOnce(stack, schema);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /youmi: the change feed no longer has the cursor \(410: .*\): reloading every table/,
    );
    expect(run.stdout).toMatch(
      /reload of \d+ rows in [\d.]+ s .*; 1 reload \(cursor gone\); cursor \d+-\d+ /,
    );
    expect((await syncState()).loads).toBe(2);
    await expectTablesEqualRest(api);
  });
});

describe('youmi sync (following the stream)', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stopStack(stack);
    stack = undefined;
  });

  it('keeps the tables equal to the REST lists while the vendor changes, and stops on SIGTERM with a summary', async () => {
    stack = await startStack();
    const api = stack.api;
    const sync = startSync([
      '--facade-url',
      stack.facade.origin,
      '--api-key',
      API_KEY,
      '--database-url',
      databaseUrl(),
      '--schema',
      schema,
    ]);
    try {
      await eventually(
        async () => sync.output(),
        (out) => out.includes('caught up'),
        'caught up',
      );
      await expectTablesEqualRest(api);
      await stack.sim.changeRecords(
        { endpoint: 'staff', op: 'update', key: 'b03', set: { ad_staff_name: '王秀娟（离职）' } },
        { endpoint: 'wecahtlabel', op: 'add', record: NEW_LABEL },
        { endpoint: 'AdManage', op: 'remove', key: 151 },
      );
      await eventually(() => tablesEqualRest(api), Boolean, 'the first changes in the tables');
      await eventually(
        async () => (await syncState()).cursor,
        (cursor) => cursor !== null,
        'a cursor',
      );
      // Now on the stream: more changes, an assignment among them (the feed does not carry those).
      await stack.sim.changeRecords(
        { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_name: '改名' } },
        { endpoint: 'WeCaht', op: 'update', key: 3516, set: { ad_wechat_nickname: '新昵称' } },
        { endpoint: 'staff/GetStaffWechat', op: 'remove', key: 'b01:3521' },
      );
      await eventually(() => tablesEqualRest(api), Boolean, 'the later changes in the tables');
      expect((await db.query(`SELECT name FROM ${schema}.staff WHERE code = 'b01'`)).rows).toEqual([
        { name: '改名' },
      ]);
      expect(
        (await db.query(`SELECT account_id FROM ${schema}.staff_assignments WHERE staff_code = 'b01'`)).rows,
      ).toEqual([{ account_id: 3516 }]);
      const events = await feed(api);
      await eventually(
        async () => (await syncState()).cursor,
        (cursor) => cursor === events.at(-1)?.id,
        'the cursor at the last event',
      );
      expect((await syncState()).events_applied).toBe(String(events.length));
    } finally {
      sync.child.kill('SIGTERM');
    }
    const done = await sync.exited;
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      /youmi sync: done in [\d.]+ s: first load of \d+ rows .*; \d+ events applied; cursor \d+-\d+ /,
    );
    expect(done.stdout + done.stderr).not.toContain(PASSWORD);
    expect(done.stdout + done.stderr).not.toContain(API_KEY);
  });

  it('waits for a facade that is not there yet, saying so, then loads', async () => {
    const port = await freePort();
    const sync = startSync(['--schema', schema], {
      YOUMI_FACADE_URL: `http://127.0.0.1:${port}`,
      FACADE_API_KEY: API_KEY,
      DATABASE_URL: databaseUrl(),
    });
    try {
      await eventually(
        async () => sync.output(),
        (out) =>
          out.includes(`cannot reach the facade at http://127.0.0.1:${port}: ECONNREFUSED; trying again`),
        'the warning',
      );
      stack = await startStack({ PORT: String(port) });
      const api = stack.api;
      await eventually(
        async () => sync.output(),
        (out) => out.includes('caught up'),
        'caught up',
        60_000,
      );
      await expectTablesEqualRest(api);
    } finally {
      sync.child.kill('SIGTERM');
    }
    expect((await sync.exited).code).toBe(0);
  });
});

describe('youmi sync: bad input', () => {
  it.each([
    [
      ['--facade-url', 'localhost:3000', '--database-url', DATABASE_URL],
      /--facade-url \/ YOUMI_FACADE_URL must be an http\(s\) URL/,
    ],
    [
      ['--facade-url', 'http://127.0.0.1:9', '--database-url', 'mysql://db/x'],
      /--database-url \/ DATABASE_URL must be a postgres:\/\/ URL/,
    ],
    [['--facade-url', 'http://127.0.0.1:9'], /--database-url \/ DATABASE_URL is required/],
    [
      ['--facade-url', 'http://127.0.0.1:9', '--database-url', DATABASE_URL, '--schema', 'Drop Table'],
      /--schema must be a plain identifier/,
    ],
    [
      [
        '--facade-url',
        'http://127.0.0.1:9',
        '--database-url',
        DATABASE_URL.replace('//postgres@', `//nobody:${PASSWORD}@`),
      ],
      /the database refused the login \(no such role/,
    ],
    [
      [
        '--facade-url',
        'http://127.0.0.1:9',
        '--database-url',
        DATABASE_URL.replace(/\/test$/, '/no_such_database_5e1'),
      ],
      /the database does not exist/,
    ],
  ])('%j exits 2 naming the problem', async (args, message) => {
    const run = await startSync(['--once', ...args]).exited;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(PASSWORD);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when the facade refuses the API key, never printing the key', async () => {
    const stack = await startStack();
    try {
      const run = await startSync(
        ['--once', '--schema', schema, '--facade-url', stack.facade.origin, '--database-url', DATABASE_URL],
        { FACADE_API_KEY: 'wrong-key-0f3e' },
      ).exited;
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /the facade at http:\/\/127\.0\.0\.1:\d+ refused the API key \(401 .*\): check --api-key \/ FACADE_API_KEY/,
      );
      expect(run.stdout + run.stderr).not.toContain('wrong-key-0f3e');
    } finally {
      await stopStack(stack);
    }
  });
});
