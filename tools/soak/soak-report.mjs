// Turns one soak run into docs/soak.json (figures) and docs/soak.md (the same, for people), and the verdict.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MEMORY_GROWTH_LIMIT = 10; // percent, end of run against end of warm-up
const HANG_THROUGHPUT_FLOOR = 0.5; // answers per second while the vendor hangs, against the warm-up's

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function group(statuses) {
  const out = { '2xx': 0, 304: 0, '4xx': 0, '5xx': 0 };
  for (const [status, count] of Object.entries(statuses)) {
    const code = Number(status);
    if (code === 304) out[304] += count;
    else if (code < 300) out['2xx'] += count;
    else if (code < 500) out['4xx'] += count;
    else out['5xx'] += count;
  }
  return out;
}

function phaseFigures(record, load) {
  const sorted = [...(load?.latencies ?? [])].sort((a, b) => a - b);
  const seconds = load ? Math.max(0.001, (load.endedAt - load.startedAt) / 1000) : record.seconds;
  const requests = load?.requests ?? 0;
  return {
    name: record.name,
    what: record.what,
    seconds: Math.round(record.seconds * 10) / 10,
    requests,
    answersPerSecond: Math.round(((load?.answered ?? 0) / seconds) * 10) / 10,
    statuses: load?.statuses ?? {},
    byClass: group(load?.statuses ?? {}),
    xCache: load?.xCache ?? {},
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : null,
    disallowed: load?.disallowed ?? 0,
    disallowedByReason: load?.disallowedByReason ?? {},
    disallowedSamples: load?.samples ?? [],
    toKilledInstance: load?.toKilledInstance ?? 0,
    skipped: load?.skipped ?? 0,
    vendorCalls: record.vendorCalls,
    vendorCallsPer1000: requests ? Math.round((record.vendorCalls / requests) * 10000) / 10 : null,
    notes: record.notes,
  };
}

/** The highest sample of each series within each phase. */
function phaseMemory(samples, phases) {
  return phases.map(({ name }) => {
    const within = samples.filter((s) => s.phase === name);
    const peak = (key) => {
      const values = within.map((s) => s[key]).filter((v) => typeof v === 'number');
      return values.length ? Math.max(...values) : null;
    };
    return { name, a: peak('a'), b: peak('b'), aHeap: peak('aHeap'), bHeap: peak('bHeap') };
  });
}

function memoryFigures(samples, phases, endRss) {
  const warmEnd = samples.filter((s) => s.phase === phases[0].name).at(-1) ?? samples[0];
  const killed = phases.find((p) => p.killed);
  const out = {};
  for (const name of ['a', 'b']) {
    const after = samples.filter((s) => s.t > warmEnd.t && s[name] !== null).map((s) => s[name]);
    const heaps = samples.filter((s) => typeof s[`${name}Heap`] === 'number');
    const heapAfter = heaps.filter((s) => s.t > warmEnd.t).map((s) => s[`${name}Heap`]);
    const heapWarm = heaps.filter((s) => s.t <= warmEnd.t).at(-1)?.[`${name}Heap`] ?? null;
    const restarted = killed?.killed === name;
    const start = warmEnd[name];
    const end = endRss[name];
    out[name] = {
      atStart: samples[0]?.[name] ?? null,
      afterWarmUp: start,
      peak: after.length ? Math.max(...after) : null,
      atEnd: end,
      killedAndRestarted: restarted,
      heapAfterWarmUp: heapWarm,
      heapPeak: heapAfter.length ? Math.max(...heapAfter) : null,
      heapAtEnd: heapAfter.at(-1) ?? null,
      growthPercent: restarted || !start || !end ? null : Math.round(((end - start) / start) * 1000) / 10,
    };
  }
  return out;
}

/**
 * What runs of the soak have found, and what became of it: kept in every report, so that a reader knows the
 * history.
 */
const FINDINGS = [
  '## What the soak found',
  '',
  '- **A Redis that restarted empty was written back only at the next vendor change.** The detecting instance',
  '  noticed the loss when a commit failed, and most polls commit nothing; until the vendor changed something',
  '  the feed was empty and every cursor refused, so an event stream reconnecting with its `Last-Event-ID`',
  '  got `400` for over 30 s. Fixed: the detecting instance compares the stored marks on every poll and writes',
  '  the feed back within one poll (an end-to-end test restarts Redis with nothing changing at the vendor).',
  '- **Where the memory goes.** Heap snapshots of the instance that was never killed, after warm-up and at the',
  '  end of a 4-minute run (`--heap-snapshots`, a full GC before each), held 60.4 MB and 68.7 MB of reachable',
  '  objects (+5.6 MB native buffers, +2.2 MB strings): nothing accumulates. The V8 heap in use swung between',
  '  about 70 and 270 MB, and RSS followed it: garbage not yet collected, the largest share from the detecting',
  '  instance reading every vendor list again each poll (10,000 operator accounts and the rest, 11.7 MB of JSON',
  '  every 2 s), decoded and parsed even when nothing had changed. Two steps, measured by full runs: a list',
  '  stored again unchanged is no longer serialised and sent to Redis again (RSS growth after warm-up 41.5 % →',
  '  20.3 %); then an answer that is the same as the previous one but for `msgTime` and `requestId` is known by a',
  "  SHA-256 fingerprint of its bytes and neither decoded nor parsed (the vendor client's `previous`). A",
  '  detecting instance without load now holds a flat 44 MB heap (it swung between 50 and 66 MB), and in the',
  '  run of 2026-12-05 the instance never killed ended below its warm-up figure. RSS is still read at single',
  '  moments of a GC cycle: within a phase an instance swings by up to ~100 MB, higher while the vendor or Redis',
  '  fails (every copy reloaded) and back down once they answer again (the last phases of the table).',
  '- **The detecting instance holds more since detection has a thread of its own** (2026-12-08, missed target).',
  '  The detection thread keeps the vendor lists it compares (with a young generation of up to 128 MB) and the',
  '  answering thread keeps what they became, so an instance that detects holds about 200 MB more than one that',
  "  does not (the bench's *feed's share*, `docs/benchmarks.md`). In the run above instance b, not detecting",
  '  after warm-up (191 MB), took the lease when a was killed and ended at 377 MB: the growth after warm-up',
  '  measures that change of role as well as any leak. Not checked by heap snapshots this time.',
  "- **This run's latencies** (2026-12-08). The steady phase's p99 is 34 ms, against 862 ms on 2026-12-05, when",
  '  detection ran on the thread that answers requests and each poll held it; it is now below the p99',
  '  of the phases where the vendor hangs or fails (151 to 175 ms). The run of 2026-12-05 also ran beside a',
  '  mutation-testing run; this one ran alone.',
  '',
];
const cell = (value) => (value === null || value === undefined ? '–' : String(value));

export function writeSoakReport({
  outDir,
  settings,
  phases,
  load,
  memory,
  endRss,
  audit,
  streamErrors,
  badSignatures,
  changeErrors,
  deliveries,
  drainSeconds,
}) {
  const perPhase = phases.map((record) => phaseFigures(record, load.phases[record.name]));
  const all = Object.values(load.phases);
  const total = {
    requests: all.reduce((sum, p) => sum + p.requests, 0),
    disallowed: all.reduce((sum, p) => sum + p.disallowed, 0),
    toKilledInstance: all.reduce((sum, p) => sum + p.toKilledInstance, 0),
    skipped: all.reduce((sum, p) => sum + p.skipped, 0),
    vendorCalls: phases.reduce((sum, p) => sum + p.vendorCalls, 0),
  };
  const allLatencies = all.flatMap((p) => p.latencies).sort((a, b) => a - b);
  total.p50Ms = percentile(allLatencies, 50);
  total.p99Ms = percentile(allLatencies, 99);
  total.vendorCallsPer1000 = total.requests
    ? Math.round((total.vendorCalls / total.requests) * 10000) / 10
    : null;
  const rss = memoryFigures(memory, phases, endRss);
  const steady = perPhase[0];
  const hang = perPhase.find((p) => p.name === 'vendor-hangs');
  const hangRatio =
    hang && steady.answersPerSecond
      ? Math.round((hang.answersPerSecond / steady.answersPerSecond) * 100) / 100
      : null;
  const receiverLoss = Object.values(audit.receivers).reduce((sum, r) => sum + r.lost, 0);
  const receiverDisorder = Object.values(audit.receivers).reduce(
    (sum, r) => sum + r.outOfOrder + r.notInFeed,
    0,
  );
  const growths = Object.values(rss)
    .map((r) => r.growthPercent)
    .filter((g) => g !== null);

  const targets = [
    {
      target: 'answers the contract does not allow',
      goal: '0',
      measured: total.disallowed,
      met: total.disallowed === 0,
    },
    {
      target: 'changes made at the vendor missing from the feed, or recorded twice, or events nobody made',
      goal: '0',
      measured: `${audit.missing} missing, ${audit.doubled} doubled, ${audit.unexpected} unexpected`,
      met: audit.missing + audit.doubled + audit.unexpected === 0,
    },
    {
      target: 'feed events lost or out of order at a receiver (webhook, both streams)',
      goal: '0',
      measured: `${receiverLoss} lost, ${receiverDisorder} out of order or foreign`,
      met: receiverLoss + receiverDisorder === 0 && badSignatures === 0,
    },
    {
      target: 'answers per second while the vendor hangs, against the warm-up',
      goal: `≥ ${HANG_THROUGHPUT_FLOOR}×`,
      measured: hangRatio === null ? '–' : `${hangRatio}×`,
      met: hangRatio !== null && hangRatio >= HANG_THROUGHPUT_FLOOR,
    },
    {
      target: 'RSS growth after warm-up (instance not killed)',
      goal: `< ${MEMORY_GROWTH_LIMIT} %`,
      measured: growths.length ? `${growths.map((g) => `${g} %`).join(', ')}` : '–',
      // A one-minute run has no warm-up worth the name: memory is reported, not judged.
      met: settings.quick ? null : growths.length > 0 && growths.every((g) => g < MEMORY_GROWTH_LIMIT),
    },
  ];
  const passed = targets.every((t) => t.met !== false) && load.unfinished === 0 && changeErrors.length === 0;

  const json = {
    date: new Date().toISOString(),
    settings,
    passed,
    targets,
    total,
    phases: perPhase,
    memory: {
      ...rss,
      redisPeakMb: Math.max(...memory.map((s) => s.redis ?? 0)),
      byPhase: phaseMemory(memory, perPhase),
    },
    events: { ...audit, badSignatures, streamErrors, drainSeconds: Math.round(drainSeconds), deliveries },
    streamsHeld: load.streams,
    changeErrors,
  };
  writeFileSync(join(outDir, 'soak.json'), `${JSON.stringify(json, null, 2)}\n`);

  const md = [
    '# Soak under chaos',
    '',
    `Written by \`npm run soak${settings.quick ? ' -- --quick' : ''}\` on ${json.date.slice(0, 10)}: ${settings.minutes} min at ${settings.rate} requests/s on this 2-core machine.`,
    'Two facade instances share a private Redis, with the change feed polling every',
    `${settings.pollSeconds} s, a webhook receiver and ${settings.streamsPerInstance} event streams held open on each; the simulator serves synthetic`,
    `data (scale ${settings.scale}) through a gate that can refuse connections. Settings: \`CACHE_TTL_SECONDS=${settings.cacheTtlSeconds}\`,`,
    `\`CACHE_REFRESH_BUDGET_MS=${settings.refreshBudgetMs}\`, \`UPSTREAM_TIMEOUT_MS=${settings.upstreamTimeoutMs}\`. The load is an open model (requests are sent at`,
    'the rate whatever the answers take), spread over both instances: lists with filters and paging, single',
    'records, the label tree, CSV, `If-None-Match` revalidations and bad requests. Every',
    `${settings.changeEverySeconds} s the vendor's data changes (a staff member renamed, added or removed, a label renamed), each change on a record of its own.`,
    '',
    'An answer the contract does not allow is a `500`; any `5xx` for a URL answered successfully before (a copy',
    'exists); an error whose body is not an RFC 9457 problem; a bad request not answered `400`; a connection error',
    'or no answer within 30 s — except requests to the instance while it is killed, counted apart.',
    '',
    `**${passed ? 'Passed' : 'Failed'}.**`,
    '',
    '| target | goal | measured | met |',
    '| --- | --- | --- | --- |',
    ...targets.map(
      (t) =>
        `| ${t.target} | ${t.goal} | ${t.measured} | ${t.met === null ? 'not judged (quick run)' : t.met ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Per phase',
    '',
    '| phase | s | requests | answers/s | 2xx | 304 | 4xx | 5xx | X-Cache HIT / STALE / MISS | disallowed | p50 ms | p99 ms | max ms | vendor calls per 1,000 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...perPhase.map(
      (p) =>
        `| ${p.name} | ${p.seconds} | ${p.requests} | ${p.answersPerSecond} | ${p.byClass['2xx']} | ${p.byClass[304]} | ${p.byClass['4xx']} | ${p.byClass['5xx']} | ${p.xCache.HIT ?? 0} / ${p.xCache.STALE ?? 0} / ${p.xCache.MISS ?? 0} | ${p.disallowed} | ${cell(p.p50Ms)} | ${cell(p.p99Ms)} | ${cell(p.maxMs)} | ${cell(p.vendorCallsPer1000)} |`,
    ),
    `| **total** | | ${total.requests} | | | | | | | ${total.disallowed} | ${cell(total.p50Ms)} | ${cell(total.p99Ms)} | | ${cell(total.vendorCallsPer1000)} |`,
    '',
    'What each phase does:',
    '',
    ...perPhase.map((p) => `- **${p.name}**: ${p.what}.${p.notes.length ? ` ${p.notes.join('; ')}.` : ''}`),
    '',
    `Requests to the killed instance while it was down (refused or cut, not judged): ${total.toKilledInstance}. Requests not sent because 2,000 were already waiting: ${total.skipped}.`,
    '',
    '## Memory (RSS, MB)',
    '',
    '| instance | at start | after warm-up | peak after warm-up | at end | growth after warm-up | V8 heap used: after warm-up / peak / end |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(rss).map(
      ([name, r]) =>
        `| ${name}${r.killedAndRestarted ? ' (killed and restarted)' : ''} | ${cell(r.atStart)} | ${cell(r.afterWarmUp)} | ${cell(r.peak)} | ${cell(r.atEnd)} | ${r.growthPercent === null ? '– (a new process)' : `${r.growthPercent} %`} | ${cell(r.heapAfterWarmUp)} / ${cell(r.heapPeak)} / ${cell(r.heapAtEnd)} |`,
    ),
    '',
    `Redis (the private redis-server, RSS): peak ${cell(Math.max(...memory.map((s) => s.redis ?? 0)))} MB, at the end ${cell(memory.at(-1)?.redis)} MB.`,
    '',
    'Peaks per phase (MB), to see which fault the memory follows:',
    '',
    '| phase | RSS a | RSS b | V8 heap used a | V8 heap used b |',
    '| --- | --- | --- | --- | --- |',
    ...phaseMemory(memory, perPhase).map(
      (p) => `| ${p.name} | ${cell(p.a)} | ${cell(p.b)} | ${cell(p.aHeap)} | ${cell(p.bHeap)} |`,
    ),
    '',
    '## Change feed',
    '',
    `${audit.changesMade} changes made at the vendor; ${audit.feedEvents} events in the feed (${audit.missing} missing, ${audit.doubled} doubled, ${audit.unexpected} that no change explains).`,
    `Drained ${Math.round(drainSeconds)} s after the load stopped. Webhook signatures that did not verify: ${badSignatures}.`,
    '',
    '| receiver | received | unique | repeats (dropped by id) | lost | out of order |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(audit.receivers).map(
      ([name, r]) => `| ${name} | ${r.received} | ${r.unique} | ${r.repeats} | ${r.lost} | ${r.outOfOrder} |`,
    ),
    '',
    `Streams held open by the load: ${load.streams.opened} opened, ${load.streams.reopened} reopened after their instance went away, ${load.streams.refused} refused.`,
    '',
  ];
  const samples = perPhase.flatMap((p) => p.disallowedSamples.map((s) => ({ phase: p.name, ...s })));
  if (samples.length > 0) {
    md.push(
      '## Disallowed answers (first of each phase)',
      '',
      '| phase | reason | request | status or error |',
      '| --- | --- | --- | --- |',
    );
    for (const s of samples.slice(0, 40))
      md.push(
        `| ${s.phase} | ${s.reason} | \`${s.path}\` (${s.origin.split(':').at(-1)}) | ${s.status ?? s.error} |`,
      );
    md.push('');
  }
  const problems = [
    ...audit.missingChanges.map((c) => `missing from the feed: ${c}`),
    ...audit.doubledChanges.map((c) => `recorded twice: ${c}`),
    ...audit.unexpectedEvents.map((e) => `unexpected: ${e}`),
    ...Object.entries(audit.receivers).flatMap(([name, r]) => r.lostIds.map((id) => `${name} lost ${id}`)),
    ...Object.entries(streamErrors)
      .filter(([, e]) => e)
      .map(([name, e]) => `${name} ended: ${e}`),
    ...changeErrors.map((e) => `change not applied: ${e}`),
  ];
  if (problems.length > 0)
    md.push('## Event problems', '', ...problems.slice(0, 40).map((p) => `- ${p}`), '');
  md.push(...FINDINGS);
  writeFileSync(join(outDir, 'soak.md'), md.join('\n'));

  const verdict = targets.map(
    (t) => `${t.met === false ? 'MISSED' : t.met ? 'met' : 'reported'}: ${t.target}: ${t.measured}`,
  );
  return { passed, verdict };
}
