/** Whether an answer came from a fresh copy (HIT), a vendor call (MISS) or an expired copy (STALE). */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

const RANK: Record<CacheStatus, number> = { HIT: 0, MISS: 1, STALE: 2 };

/** An answer built from several vendor calls reports the worst: STALE over MISS over HIT. */
export function worstCacheStatus(statuses: readonly CacheStatus[]): CacheStatus {
  return statuses.reduce<CacheStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'HIT');
}

/** A value with how it was obtained; `version` changes exactly when the underlying vendor data does. */
export interface Fetched<T> {
  value: T;
  cache: CacheStatus;
  version: string;
  /** Until when (ms since epoch) every copy behind this value stays fresh; 0 for a stale answer. */
  freshUntil: number;
}
