import {
  createFacadeClient,
  type ChangeEventDto,
  type FacadeClient,
  type ListMetaDto,
} from '@youmi-facade/sdk';
import { classifyFailure, type Failure } from './sync-failures';
import { maskUrl, type SyncSettings } from './sync-settings';
import { SyncStore } from './sync-store';
import { SYNC_TABLES, type SyncTable } from './sync-tables';

export interface SyncOutput {
  /** The summary lines (stdout). */
  info(line: string): void;
  /** Warnings and retries (stderr). */
  warn(line: string): void;
  /** Prints a line a second during a first load: on a terminal only. */
  progress: boolean;
}

/** The exit codes of `youmi sync`: done, failed, a setting to fix. */
export const SYNC_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const FEED_PAGE = 1000;
const LIST_PAGE = 500;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** The feed carries no staff assignments: in follow mode they are read again this often regardless. */
const ASSIGNMENTS_EVERY_MS = 300_000;
/** How soon after an event of staff or operator accounts the assignments are read again. */
const ASSIGNMENTS_AFTER_EVENT_MS = 2000;
/** Feed resources whose events may change staff assignments. */
const ASSIGNMENT_SOURCES = new Set(['staff', 'operator-accounts']);

interface Counts {
  loads: { reason: 'first load' | 'reload'; rows: number; ms: number; tables: string }[];
  reloads: number;
  events: number;
  assignmentReads: number;
}

class CursorGone extends Error {}

/**
 * `youmi sync`: the facade's basic data mirrored into PostgreSQL. A first load (the feed's end, then
 * every list, then the feed from that end), then the change feed applied batch by batch, each batch in
 * the transaction that moves the cursor; `--once` stops at the feed's end, otherwise the stream is followed.
 */
export class SyncRunner {
  private readonly facade: FacadeClient;
  private readonly assignments: SyncTable;
  private readonly databaseName: string;
  private readonly counts: Counts = { loads: [], reloads: 0, events: 0, assignmentReads: 0 };
  private cursor: string | null = null;
  /** When staff assignments are next read (follow mode): not before the first catch-up. */
  private assignmentsDue = Number.POSITIVE_INFINITY;

  constructor(
    private readonly settings: SyncSettings,
    private readonly output: SyncOutput,
  ) {
    this.facade = createFacadeClient({ baseUrl: settings.facadeUrl, apiKey: settings.apiKey });
    this.assignments = SYNC_TABLES.find((table) => table.resource === null) as SyncTable;
    this.databaseName = maskUrl(settings.databaseUrl);
  }

  async run(signal: AbortSignal): Promise<number> {
    const started = performance.now();
    const code = this.settings.once ? await this.runOnce() : await this.follow(signal);
    if (code !== SYNC_EXIT.usage)
      this.output.info(this.summary(performance.now() - started, code === SYNC_EXIT.ok));
    return code;
  }

  private async runOnce(): Promise<number> {
    let store: SyncStore | undefined;
    try {
      store = await this.openStore();
      const loaded = await this.catchUp(store);
      if (!loaded) await this.readAssignments(store);
      return SYNC_EXIT.ok;
    } catch (error) {
      const failure = this.failure(error);
      this.output.warn(failure.message);
      return failure.kind === 'usage' ? SYNC_EXIT.usage : SYNC_EXIT.failed;
    } finally {
      await store?.close();
    }
  }

  private async follow(signal: AbortSignal): Promise<number> {
    let store: SyncStore | undefined;
    let retryMs = FIRST_RETRY_MS;
    let away: string | undefined;
    let announced = false;
    const timer = setInterval(() => void this.assignmentsTick(store), 500);
    try {
      while (!signal.aborted) {
        try {
          store ??= await this.openStore();
          const loaded = await this.catchUp(store);
          // Assignments changed meanwhile are not in the feed: read again after each (re)connection.
          if (!loaded && (away !== undefined || !announced)) await this.readAssignments(store);
          if (away !== undefined) this.output.warn('the facade and the database answer again');
          away = undefined;
          retryMs = FIRST_RETRY_MS;
          if (!announced)
            this.output.info(
              `youmi sync: caught up at cursor ${this.cursor ?? '(none: the feed is empty)'}; following ${this.settings.facadeUrl}/v1/changes/stream`,
            );
          announced = true;
          if (this.cursor === null) {
            // Without an event id to resume from, the stream would start at "now": poll until the feed has
            // one.
            await pause(FIRST_RETRY_MS, signal);
            continue;
          }
          await this.stream(store, signal);
        } catch (error) {
          if (signal.aborted) break;
          const failure = this.failure(error);
          // The stream refused the cursor: the next catch-up meets the same refusal and reloads.
          if (failure.kind === 'cursor-gone') continue;
          if (failure.kind === 'usage' || failure.kind === 'fatal') {
            this.output.warn(failure.message);
            return failure.kind === 'usage' ? SYNC_EXIT.usage : SYNC_EXIT.failed;
          }
          if (failure.kind === 'database-away') {
            await store?.close();
            store = undefined;
          }
          if (away === undefined)
            this.output.warn(`${failure.message}; trying again, up to every ${MAX_RETRY_MS / 1000} s`);
          away = failure.message.split(':')[0];
          await pause(retryMs, signal);
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        }
      }
      return SYNC_EXIT.ok;
    } finally {
      clearInterval(timer);
      await store?.close();
    }
  }

  private failure(error: unknown): Failure {
    return classifyFailure(error, this.settings.facadeUrl, this.databaseName);
  }

  private async openStore(): Promise<SyncStore> {
    const store = await SyncStore.open(this.settings.databaseUrl, this.settings.schema);
    try {
      await store.lock(() =>
        this.output.warn(`another youmi sync holds schema ${this.settings.schema}: waiting for it to end`),
      );
      const { from, to } = await store.migrate();
      if (from !== to)
        this.output.warn(
          from === 0
            ? `created schema ${this.settings.schema} (version ${to})`
            : `migrated schema ${this.settings.schema} from version ${from} to ${to}`,
        );
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /**
   * Brings the tables to the feed's end, with a first load (or a reload) when needed; true when it loaded.
   */
  private async catchUp(store: SyncStore): Promise<boolean> {
    const state = await store.state();
    let loaded = false;
    if (state === null) {
      await this.load(store, 'first load');
      loaded = true;
    } else {
      this.cursor = state.cursor;
    }
    for (;;) {
      try {
        await this.applyFeed(store);
        return loaded;
      } catch (error) {
        if (!(error instanceof CursorGone)) throw error;
        this.output.warn(`${error.message}: reloading every table`);
        this.counts.reloads += 1;
        await this.load(store, 'reload');
        loaded = true;
      }
    }
  }

  /** Applies the feed after the cursor, a page (of up to 1,000 events) a transaction, to its end. */
  private async applyFeed(store: SyncStore): Promise<void> {
    for (;;) {
      const page = await this.feedPage(this.cursor);
      if (page.data.length === 0) return;
      const next = page.meta.next ?? (page.data[page.data.length - 1] as ChangeEventDto).id;
      await store.apply(page.data, next);
      this.cursor = next;
      this.counts.events += page.data.length;
      if (page.data.some((event) => ASSIGNMENT_SOURCES.has(event.resource)))
        this.assignmentsDue = Math.min(this.assignmentsDue, Date.now());
      if (page.data.length < FEED_PAGE) return;
    }
  }

  private async feedPage(after: string | null) {
    try {
      return await this.facade.listChanges({ limit: FEED_PAGE, ...(after === null ? {} : { after }) });
    } catch (error) {
      const failure = this.failure(error);
      if (failure.kind === 'cursor-gone') throw new CursorGone(failure.message);
      throw error;
    }
  }

  /** The feed's end, then every list page by page, all written with that cursor in one transaction. */
  private async load(store: SyncStore, reason: 'first load' | 'reload'): Promise<void> {
    const started = performance.now();
    let cursor: string | null = null;
    for (let after: string | null = null; ;) {
      const page = await this.feedPage(after);
      cursor = page.meta.next ?? cursor;
      if (page.data.length < FEED_PAGE || page.meta.next === null) break;
      after = page.meta.next;
    }
    const done = new Map<string, number>();
    let current = { title: '', rows: 0, total: 0 };
    const ticker = this.output.progress
      ? setInterval(
          () =>
            this.output.warn(
              `${reason}: ${current.title} ${current.rows} of ${current.total} rows (${Math.round((performance.now() - started) / 1000)} s)`,
            ),
          1000,
        )
      : undefined;
    try {
      await store.load(cursor, async (insert) => {
        for (const table of SYNC_TABLES) {
          current = { title: table.title, rows: 0, total: 0 };
          for await (const page of this.pages(table)) {
            current.total = page.meta.total;
            await insert(table, page.data);
            current.rows += page.data.length;
          }
          done.set(table.name, current.rows);
        }
      });
    } finally {
      clearInterval(ticker);
    }
    this.cursor = cursor;
    this.assignmentsDue = Date.now() + ASSIGNMENTS_EVERY_MS;
    const rows = [...done.values()].reduce((sum, n) => sum + n, 0);
    this.counts.loads.push({
      reason,
      rows,
      ms: performance.now() - started,
      tables: [...done].map(([name, n]) => `${name} ${n}`).join(', '),
    });
  }

  /** A list's pages; the next page is asked for while the current one is written. */
  private async *pages(table: SyncTable): AsyncGenerator<{ data: unknown[]; meta: ListMetaDto }> {
    const list = this.facade[table.list] as unknown as (query: {
      limit: number;
      offset: number;
    }) => Promise<{ data: unknown[]; meta: ListMetaDto }>;
    let pending = list({ limit: LIST_PAGE, offset: 0 });
    for (let offset = 0; ;) {
      const page = await pending;
      offset += page.data.length;
      const more = page.data.length > 0 && offset < page.meta.total;
      if (more) {
        pending = list({ limit: LIST_PAGE, offset });
        // Awaited on the next turn; until then a rejection must not count as unhandled.
        pending.catch(() => undefined);
      }
      yield page;
      if (!more) return;
    }
  }

  /** Staff assignments are not in the feed: their table is replaced by the list read now. */
  private async readAssignments(store: SyncStore): Promise<void> {
    const records: unknown[] = [];
    for await (const page of this.pages(this.assignments)) records.push(...page.data);
    await store.replace(this.assignments, records);
    this.counts.assignmentReads += 1;
    this.assignmentsDue = Date.now() + ASSIGNMENTS_EVERY_MS;
  }

  private assignmentsBusy = false;

  private async assignmentsTick(store: SyncStore | undefined): Promise<void> {
    if (store === undefined || this.assignmentsBusy || Date.now() < this.assignmentsDue) return;
    this.assignmentsBusy = true;
    try {
      await this.readAssignments(store);
    } catch (error) {
      this.assignmentsDue = Date.now() + MAX_RETRY_MS;
      this.output.warn(`staff assignments not read again: ${this.failure(error).message}`);
    } finally {
      this.assignmentsBusy = false;
    }
  }

  /** Follows the stream from the cursor, each event in the transaction that moves the cursor to it. */
  private async stream(store: SyncStore, signal: AbortSignal): Promise<void> {
    for await (const event of this.facade.streamChanges({ lastEventId: this.cursor ?? undefined, signal })) {
      await store.apply([event], event.id);
      this.cursor = event.id;
      this.counts.events += 1;
      if (ASSIGNMENT_SOURCES.has(event.resource))
        this.assignmentsDue = Math.min(this.assignmentsDue, Date.now() + ASSIGNMENTS_AFTER_EVENT_MS);
    }
  }

  private summary(ms: number, ok: boolean): string {
    const parts = this.counts.loads.map(
      (load) => `${load.reason} of ${load.rows} rows in ${seconds(load.ms)} (${load.tables})`,
    );
    parts.push(`${this.counts.events} event${this.counts.events === 1 ? '' : 's'} applied`);
    if (this.counts.reloads > 0)
      parts.push(`${this.counts.reloads} reload${this.counts.reloads === 1 ? '' : 's'} (cursor gone)`);
    parts.push(`cursor ${this.cursor ?? 'none'}`);
    return `youmi sync: ${ok ? 'done' : 'stopped'} in ${seconds(ms)}: ${parts.join('; ')} — ${this.settings.facadeUrl} → schema ${this.settings.schema} of ${this.databaseName}`;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
