import type { CacheStatus } from './cache-status';

/** What a value is built from: the cache status, version and freshness of the vendor data behind it. */
export interface VersionBasis {
  cache?: CacheStatus;
  /** Changes exactly when the data behind the value does. */
  version: string;
  /** Until when (ms since epoch) the data behind it stays fresh; absent or 0: not to be repeated. */
  freshUntil?: number;
}

/**
 * A value of the vendor's data with the version and freshness of what it is built from. It is built only
 * when asked for, so that a version already turned into an answer is not mapped, filtered or sorted again.
 */
export class Versioned<T = unknown> {
  private constructor(
    readonly basis: VersionBasis,
    readonly build: () => T,
  ) {}

  static of<T>(basis: VersionBasis, build: () => T): Versioned<T> {
    return new Versioned(basis, build);
  }
}
