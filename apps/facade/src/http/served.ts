import type { CacheStatus } from '../upstream/cache-status';

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
    readonly build: () => T,
    readonly csvRows: (() => unknown[]) | undefined,
  ) {}

  static of<T>(fetched: { cache?: CacheStatus; version: string }, build: () => T): Served<T> {
    return new Served(fetched.cache, fetched.version, build, undefined);
  }

  static list<T>(fetched: { cache?: CacheStatus; version: string }, build: () => ListBody<T>): Served<ListBody<T>> {
    return new Served(fetched.cache, fetched.version, build, () => build().data);
  }
}
