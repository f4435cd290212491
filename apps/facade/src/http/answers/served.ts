import type { CacheStatus } from '../../upstream/cache-status';

/** What an answer is built from: the cache status, version and freshness of the vendor data behind it. */
interface Basis {
  cache?: CacheStatus;
  version: string;
  freshUntil?: number;
}

export interface ListBody<T> {
  data: T[];
  meta?: { total: number; limit: number | null; offset: number };
}

/**
 * What a handler answers: the cache status, the version of the vendor data behind it, and a body that
 * is built only when no serialised copy of this version is already held (so cache hits skip mapping,
 * filtering and serialising).
 */
export class Served<T = unknown> {
  private constructor(
    readonly cache: CacheStatus | undefined,
    readonly version: string,
    /** Until when the answer may be repeated without asking the cache again (0: never). */
    readonly freshUntil: number,
    readonly build: () => T,
    /** Lists also answer CSV. */
    readonly list: boolean,
  ) {}

  static of<T>(fetched: Basis, build: () => T): Served<T> {
    return new Served(fetched.cache, fetched.version, fetched.freshUntil ?? 0, build, false);
  }

  static list<T>(fetched: Basis, build: () => ListBody<T>): Served<ListBody<T>> {
    return new Served(fetched.cache, fetched.version, fetched.freshUntil ?? 0, build, true);
  }
}
