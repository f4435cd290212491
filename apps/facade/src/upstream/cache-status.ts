/** Whether an answer came from a fresh copy (HIT), a vendor call (MISS) or an expired copy (STALE). */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

const RANK: Record<CacheStatus, number> = { HIT: 0, MISS: 1, STALE: 2 };

/** An answer built from several vendor calls reports the worst: STALE over MISS over HIT. */
export function worstCacheStatus(statuses: readonly CacheStatus[]): CacheStatus {
  return statuses.reduce<CacheStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'HIT');
}

/** What a value was obtained from: `version` changes exactly when the underlying vendor data does. */
export interface FetchBasis {
  cache: CacheStatus;
  version: string;
  /** Until when (ms since epoch) every copy behind this value stays fresh; 0 for a stale answer. */
  freshUntil: number;
}

/** A value with how it was obtained. */
export interface Fetched<T> extends FetchBasis {
  value: T;
}

/** The basis of an answer built from several: the worst cache status, every version, the earliest expiry. */
export function combineFetched(parts: readonly FetchBasis[]): FetchBasis {
  return {
    cache: worstCacheStatus(parts.map((part) => part.cache)),
    version: parts.map((part) => part.version).join('+'),
    freshUntil: Math.min(...parts.map((part) => part.freshUntil)),
  };
}
