import type { DeliveryState } from '../store/change-ports';

const FIRST_RETRY_MS = 5_000;
const LONGEST_PAUSE_MS = 10 * 60_000;

/**
 * The pause before attempt `attempts + 1`: within 5 s first, doubling up to 10 minutes, jittered down to
 * half.
 */
export function retryPauseMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_PAUSE_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** The receiver took event `id`: the next one follows at once. */
export function markDelivered(state: DeliveryState, id: string, now: Date): void {
  state.position = id;
  state.lastDeliveredAt = now.toISOString();
  state.attempts = 0;
  state.nextAttemptAt = null;
}

/** The receiver refused event `id`: it is tried again after a pause that grows with each failure. */
export function markFailed(state: DeliveryState, id: string, failure: string, now: Date): void {
  state.attempts += 1;
  state.lastError = { at: now.toISOString(), message: `event ${id}: ${failure}` };
  state.nextAttemptAt = new Date(now.getTime() + retryPauseMs(state.attempts)).toISOString();
}

/** The events after the position left the feed before delivery: go on from the oldest kept. */
export function markDropped(state: DeliveryState, now: Date): void {
  state.lastError = {
    at: now.toISOString(),
    message: `events after ${state.position} were dropped from the feed before delivery`,
  };
  state.position = null;
}
