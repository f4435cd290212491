// Checks the change feed against the changes the soak made at the vendor, and each receiver (the webhook, the
// event streams) against the feed: lost, doubled, out of order.

/**
 * @param expected changes made at the simulator, each to a record no other change touched: `{ resource, key,
 * type }`
 * @param feed every event of the feed, in feed order
 * @param receivers `{ name: [event ids in the order they arrived] }`
 */
export function auditEvents(expected, feed, receivers) {
  const position = new Map(feed.map((event, index) => [event.id, index]));
  const byChange = new Map();
  for (const event of feed) {
    const id = `${event.type} ${event.key}`;
    byChange.set(id, [...(byChange.get(id) ?? []), event.id]);
  }
  const wanted = new Set(expected.map((change) => `${change.type} ${change.key}`));
  const missing = [...wanted].filter((change) => !byChange.has(change));
  const doubled = [...wanted].filter((change) => (byChange.get(change)?.length ?? 0) > 1);
  const unexpected = feed
    .filter((event) => !wanted.has(`${event.type} ${event.key}`))
    .map((event) => `${event.id} ${event.type} ${event.key}`);

  const delivered = Object.fromEntries(
    Object.entries(receivers).map(([name, ids]) => {
      const seen = new Set();
      let repeats = 0;
      let outOfOrder = 0;
      let last = -1;
      const foreign = [];
      for (const id of ids) {
        if (seen.has(id)) {
          repeats += 1;
          continue;
        }
        seen.add(id);
        const at = position.get(id);
        if (at === undefined) {
          foreign.push(id);
          continue;
        }
        if (at < last) outOfOrder += 1;
        last = Math.max(last, at);
      }
      const lost = feed.filter((event) => !seen.has(event.id)).map((event) => event.id);
      return [
        name,
        {
          received: ids.length,
          unique: seen.size,
          repeats,
          lost: lost.length,
          lostIds: lost.slice(0, 20),
          outOfOrder,
          notInFeed: foreign.length,
        },
      ];
    }),
  );

  return {
    changesMade: expected.length,
    feedEvents: feed.length,
    missing: missing.length,
    missingChanges: missing.slice(0, 20),
    doubled: doubled.length,
    doubledChanges: doubled.slice(0, 20),
    unexpected: unexpected.length,
    unexpectedEvents: unexpected.slice(0, 20),
    receivers: delivered,
  };
}

/** True when every change made is in the feed once and every receiver has every feed event, in order. */
export function eventsHeld(audit) {
  return (
    audit.missing === 0 &&
    audit.doubled === 0 &&
    audit.unexpected === 0 &&
    Object.values(audit.receivers).every((r) => r.lost === 0 && r.outOfOrder === 0 && r.notInFeed === 0)
  );
}
