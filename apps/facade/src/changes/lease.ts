/**
 * The lease lasts half a poll interval (3 s at least) and is renewed three times as often, so a dead
 * detector's lease passes to another instance within about one interval.
 */
export function leaseMsFor(pollSeconds: number): number {
  return Math.max(3000, Math.round((pollSeconds * 1000) / 2));
}
