import {
  Api,
  type ChangeEventDto,
  type ChangeResource,
  type HttpResponse,
  type ListMetaDto,
  type ProblemDto,
} from '../generated/facade-api';
import { readChangeStream, type ChangeStreamOptions } from './change-stream';

/** A problem-details answer of the facade (RFC 9457), as a typed error. */
export class FacadeProblemError extends Error {
  readonly status: number;
  readonly problem: ProblemDto;

  constructor(status: number, problem: ProblemDto) {
    super(`${status} ${problem.title}: ${problem.detail}`);
    this.name = 'FacadeProblemError';
    this.status = status;
    this.problem = problem;
  }
}

export interface FacadeClientOptions {
  /** The facade's origin, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An API key from the facade's FACADE_API_KEYS, sent as `X-API-Key`. */
  apiKey?: string;
  fetch?: typeof fetch;
}

type V1 = Api<unknown>['v1'];
/** A list's query as JSON takes it: CSV (`format`, `limit=all`) is `csv()`'s, which answers text. */
type JsonQuery<Q> = Q extends { format?: unknown; limit?: unknown }
  ? Omit<Q, 'format' | 'limit'> & { limit?: number }
  : Q;
type JsonArgs<A extends unknown[]> = A extends [query?: infer Q, params?: infer P]
  ? [query?: JsonQuery<Q>, params?: P]
  : A;
type Unwrapped<F> = F extends (...args: infer A) => Promise<HttpResponse<infer D, unknown>>
  ? (...args: JsonArgs<A>) => Promise<D>
  : never;

/** Every `/v1` operation of the generated client, answering the body itself and throwing problems. */
export type FacadeOperations = { [K in keyof V1]: Unwrapped<V1[K]> };

type CsvOperation = {
  [K in keyof V1]: NonNullable<Parameters<V1[K]>[0]> extends { format?: infer F }
    ? 'csv' extends F
      ? K
      : never
    : never;
}[keyof V1];
type CsvQuery<K extends CsvOperation> = Omit<NonNullable<Parameters<V1[K]>[0]>, 'format' | 'offset'>;

type ListOperation = {
  [K in keyof FacadeOperations]: Awaited<ReturnType<FacadeOperations[K]>> extends {
    data: unknown[];
    meta: ListMetaDto;
  }
    ? K
    : never;
}[keyof FacadeOperations];
type QueryOf<K extends ListOperation> = NonNullable<Parameters<FacadeOperations[K]>[0]>;
type ItemOf<K extends ListOperation> =
  Awaited<ReturnType<FacadeOperations[K]>> extends { data: (infer T)[] } ? T : never;

/** Where to read the change feed from. */
export interface ChangesQuery {
  /** The id of the last event already handled; absent: from the oldest event kept. */
  after?: string;
  resource?: ChangeResource;
  /** Events per request (default 500). */
  limit?: number;
}

/** The facade's API for other apps: typed operations and an iterator over every page of a list. */
export interface FacadeClient extends Omit<FacadeOperations, 'streamChanges'> {
  /** The generated client, for headers, cancellation and the operations' raw responses. */
  readonly api: Api<unknown>;
  /** Every item of a list, fetched page by page (500 a page unless `limit` says otherwise). */
  all<K extends ListOperation>(operation: K, query?: Omit<QueryOf<K>, 'offset'>): AsyncGenerator<ItemOf<K>>;
  /**
   * A list as CSV text (UTF-8 with a BOM, dotted column names), every row unless `limit` says otherwise:
   * `await facade.csv('listStaff', { status: 'active' })`.
   */
  csv<K extends CsvOperation>(operation: K, query?: CsvQuery<K>): Promise<string>;
  /**
   * Every event of the change feed after `after`, oldest first, until the newest: keep the last
   * `event.id` and pass it as `after` next time. A cursor older than the feed keeps throws a 410
   * `FacadeProblemError` (read the lists again, then the feed from its end).
   */
  changes(query?: ChangesQuery): AsyncGenerator<ChangeEventDto>;
  /**
   * The change feed live (Server-Sent Events): every event from now on, or after `lastEventId`;
   * reconnects by itself with `Last-Event-ID`. Ends on `signal` or `break`.
   */
  streamChanges(options?: ChangeStreamOptions): AsyncGenerator<ChangeEventDto>;
}

export function createFacadeClient(options: FacadeClientOptions): FacadeClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const keyHeaders: Record<string, string> = options.apiKey ? { 'X-API-Key': options.apiKey } : {};
  const api = new Api({
    baseUrl,
    baseApiParams: { headers: keyHeaders },
    ...(options.fetch ? { customFetch: options.fetch } : {}),
  });
  const operations = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [name, operation] of Object.entries(api.v1) as [
    string,
    (...args: unknown[]) => Promise<HttpResponse<unknown, unknown>>,
  ][]) {
    operations[name] = async (...args) => {
      if ((args[0] as { format?: unknown } | undefined)?.format === 'csv') {
        throw new TypeError(
          `${name}() answers JSON; ask for CSV with csv('${name}', query), which answers the text.`,
        );
      }
      try {
        return (await operation(...args)).data;
      } catch (thrown) {
        throw asProblem(thrown);
      }
    };
  }
  const client = operations as unknown as FacadeOperations;
  return Object.assign(client, {
    api,
    async *all<K extends ListOperation>(
      operation: K,
      query?: Omit<QueryOf<K>, 'offset'>,
    ): AsyncGenerator<ItemOf<K>> {
      const list = client[operation] as unknown as (
        q: object,
      ) => Promise<{ data: ItemOf<K>[]; meta: ListMetaDto }>;
      const limit = (query as { limit?: number } | undefined)?.limit ?? 500;
      for (let offset = 0; ;) {
        const page = await list({ ...query, limit, offset });
        yield* page.data;
        offset += page.data.length;
        if (page.data.length === 0 || offset >= page.meta.total) return;
      }
    },
    async csv<K extends CsvOperation>(operation: K, query?: CsvQuery<K>): Promise<string> {
      const list = api.v1[operation] as unknown as (
        q: object,
        params: object,
      ) => Promise<HttpResponse<unknown, unknown>>;
      try {
        // Decoded as bytes so that the BOM spreadsheets need is kept (Response.text() drops it).
        const bytes = (await list({ limit: 'all', ...query, format: 'csv' }, { format: 'arrayBuffer' }))
          .data as ArrayBuffer;
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      } catch (thrown) {
        throw asProblem(thrown);
      }
    },
    async *changes(query: ChangesQuery = {}): AsyncGenerator<ChangeEventDto> {
      const limit = query.limit ?? 500;
      for (let after = query.after; ;) {
        const page = await client.listChanges({ ...query, limit, ...(after ? { after } : {}) });
        yield* page.data;
        if (page.data.length < limit || page.meta.next === null) return;
        after = page.meta.next;
      }
    },
    streamChanges(streamOptions?: ChangeStreamOptions): AsyncGenerator<ChangeEventDto> {
      return readChangeStream(
        {
          url: `${baseUrl}/v1/changes/stream`,
          headers: keyHeaders,
          fetch: options.fetch ?? fetch,
          refused: async (response) => problemOf(response.status, await response.text()),
        },
        streamOptions,
      );
    },
  });
}

function problemOf(status: number, text: string): FacadeProblemError {
  try {
    const body = JSON.parse(text) as ProblemDto;
    if (body && typeof body === 'object' && 'title' in body) return new FacadeProblemError(status, body);
  } catch {
    // Not a problem body: described below.
  }
  return new FacadeProblemError(status, {
    type: 'about:blank',
    title: 'Error',
    status,
    detail: 'The facade answered an error without problem details.',
  });
}

function asProblem(thrown: unknown): unknown {
  if (thrown instanceof Response) {
    const error = parsed((thrown as HttpResponse<unknown, unknown>).error);
    if (error !== null && typeof error === 'object' && 'status' in error && 'title' in error) {
      return new FacadeProblemError(thrown.status, error as ProblemDto);
    }
    return new FacadeProblemError(thrown.status, {
      type: 'about:blank',
      title: thrown.statusText || 'Error',
      status: thrown.status,
      detail: 'The facade answered an error without problem details.',
    });
  }
  return thrown;
}

/** A problem read as bytes (by `csv()`) is still a problem. */
function parsed(error: unknown): unknown {
  if (!(error instanceof ArrayBuffer)) return error;
  try {
    return JSON.parse(new TextDecoder().decode(error)) as unknown;
  } catch {
    return error;
  }
}
