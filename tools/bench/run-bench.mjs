// `npm run bench [-- --quick] [-- --only changes|sync|tracing]`: measures the facade beside its practical
// limits in one run on this machine, and writes docs/benchmarks.md and docs/benchmarks.json (see the
// former for the method). `--only changes` (the change feed), `--only sync` (`youmi sync` into PostgreSQL) or
// `--only tracing [--baseline <another build's main.js>]` (OpenTelemetry off and on) measures that part alone
// and keeps the other figures of the last run.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildApps, root, untilReady, waitForOutput } from '../lib/built-apps.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const only = optionValue('--only');
const SECTIONS = ['changes', 'sync', 'tracing'];
const settings = quick
  ? {
      rounds: 1,
      seconds: 2,
      connections: 16,
      memorySeconds: 8,
      coldStarts: 3,
      mappingRuns: 2,
      changePolls: 4,
      fanOutRounds: 1,
      syncLoads: 1,
      syncEvents: 3,
      hitSeconds: 5,
    }
  : {
      rounds: 3,
      seconds: 8,
      connections: 16,
      memorySeconds: 60,
      coldStarts: 7,
      mappingRuns: 5,
      changePolls: 10,
      fanOutRounds: 3,
      syncLoads: 3,
      syncEvents: 10,
      hitSeconds: 20,
    };
/**
 * Where `youmi sync` writes (a schema of its own each run, dropped after): the machine's PostgreSQL unless
 * told.
 */
const SYNC_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const children = new Set();
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

function optionValue(name) {
  const at = process.argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at === -1) return undefined;
  return process.argv[at].includes('=') ? process.argv[at].split('=')[1] : (process.argv[at + 1] ?? '');
}

function start(name, args, env = {}, core = SERVER_CORE) {
  const [command, argv] = pinned
    ? ['taskset', ['-c', core, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Asynchronous on purpose: the servers' stdout pipes must keep draining while the load runs, or a
// server that logs each request would block on a full pipe and the figures would measure that.
function load(url, headers = {}, more = {}) {
  const options = { url, connections: settings.connections, duration: settings.seconds, headers, ...more };
  const args = [join(root, 'tools/bench/load-worker.mjs'), JSON.stringify(options)];
  const [command, argv] = pinned
    ? ['taskset', ['-c', LOAD_CORE, process.execPath, ...args]]
    : [process.execPath, args];
  return new Promise((resolveLoad, reject) => {
    const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolveLoad(JSON.parse(out)) : reject(new Error(`load worker failed: ${err}`)),
    );
  });
}

async function measure(target, path, headers) {
  const before = cpuTicks(target.pid);
  const result = await load(target.origin + path, headers);
  const ticks = cpuTicks(target.pid) - before;
  return { ...result, cpuUsPerRequest: result.requests > 0 ? (ticks * 10_000) / result.requests : null };
}

async function startSimulator() {
  const appId = 'bench-app';
  const appKey = randomBytes(16).toString('hex');
  const sim = start('sim', ['dist/apps/vendor-sim/main.js'], {
    PORT: '0',
    SIM_DATASET: 'synthetic',
    SIM_SCALE: '1',
    SIM_APP_ID: appId,
    SIM_APP_KEY: appKey,
  });
  const [, simBase] = await waitForOutput(sim, /listening on (http:\S+\/publicapi\/v1\/)/, 'the simulator');
  const simOrigin = new URL(simBase).origin;
  const facadeEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    UPSTREAM_BASE_URL: simBase,
    UPSTREAM_APP_ID: appId,
    UPSTREAM_APP_KEY: appKey,
    RATE_LIMIT_PER_MINUTE: '10000000',
    CACHE_TTL_SECONDS: '3600',
  };
  const startFacade = async (env = {}, script = 'dist/apps/facade/main.js') => {
    const child = start('facade', [script], { ...facadeEnv, ...env });
    const [, origin] = await waitForOutput(child, /API (http:\S+)\/v1/, 'the facade');
    return { child, pid: child.pid, origin: origin.replace('localhost', '127.0.0.1') };
  };
  return { appId, appKey, sim, simBase, simOrigin, startFacade };
}

async function main() {
  if (only !== undefined && !SECTIONS.includes(only))
    throw new Error(`--only takes one of: ${SECTIONS.join(', ')}`);
  log(`building (quick=${quick}, pinned=${pinned}${only ? `, only=${only}` : ''})`);
  if (!buildApps(['youmi-cli'])) throw new Error('build failed');
  const { appId, appKey, sim, simBase, simOrigin, startFacade } = await startSimulator();
  if (only === 'changes')
    return writeOnly('changes', () => benchChanges(simOrigin, startFacade, { simBase, appId, appKey }));
  if (only === 'sync') return writeOnly('sync', () => benchSync(simOrigin, startFacade));
  if (only === 'tracing') return writeOnly('tracing', () => benchTracing(startFacade));

  const facade = await startFacade();
  // The same facade with its log line off: the difference to the row above is what the line costs.
  const quiet = await startFacade({ LOG_LEVEL: 'silent' });

  const staffCode = (await (await fetch(`${facade.origin}/v1/staff?limit=1`)).json()).data[0].code;
  const scenarios = {
    small: {
      label: `GET /v1/staff/${staffCode}`,
      path: `/v1/staff/${encodeURIComponent(staffCode)}`,
      vendorPath: `/publicapi/v1/staff?ad_staff_code=${encodeURIComponent(staffCode)}`,
    },
    page: {
      label: 'GET /v1/operator-accounts?kind=wechat&limit=500',
      path: '/v1/operator-accounts?kind=wechat&limit=500',
      vendorPath: '/publicapi/v1/WeCaht?ad_wechat_lei=0',
    },
  };
  const fixtures = {};
  for (const scenario of Object.values(scenarios)) {
    await fetch(facade.origin + scenario.path);
    const response = await fetch(facade.origin + scenario.path);
    if (response.headers.get('x-cache') !== 'HIT') throw new Error(`${scenario.path} is not a cache hit`);
    const headers = {};
    for (const [name, value] of response.headers)
      if (
        !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id'].includes(
          name,
        )
      )
        headers[name] = value;
    const body = await response.text();
    fixtures[scenario.path] = { headers, body };
    scenario.bytes = Buffer.byteLength(body);
  }
  const fixturesPath = join(tmpdir(), `bench-fixtures-${process.pid}.json`);
  writeFileSync(fixturesPath, JSON.stringify(fixtures));
  const bare = {};
  for (const kind of ['node', 'fastify']) {
    const child = start(kind, ['tools/bench/bare-server.mjs', kind, fixturesPath]);
    const [, port] = await waitForOutput(child, /listening (\d+)/, `bare ${kind}`);
    bare[kind] = { child, pid: child.pid, origin: `http://127.0.0.1:${port}` };
  }

  // The simulator as a consumer calling the vendor directly would: with a token and signed headers.
  const nonce = randomBytes(8).toString('hex');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sign = (message) => encodeURIComponent(createHmac('sha1', appKey).update(message).digest('base64'));
  const token = (
    await (
      await fetch(`${simBase}GetAccessToken?format=json`, {
        method: 'POST',
        headers: { 'content-type': 'text/json' },
        body: JSON.stringify({
          AppId: appId,
          Nonce: nonce,
          Timestamp: timestamp,
          Signature: sign(appId + nonce + timestamp),
        }),
      })
    ).json()
  ).values.access_token;
  const vendorHeaders = {
    access_token: token,
    Nonce: nonce,
    Timestamp: timestamp,
    Signature: sign(token + nonce + timestamp),
  };
  const vendor = { pid: sim.pid, origin: simOrigin };

  for (const scenario of Object.values(scenarios)) await fetch(quiet.origin + scenario.path);
  const targets = [
    ['facade', facade, (s) => s.path, {}],
    ['facade, LOG_LEVEL=silent', quiet, (s) => s.path, {}],
    ['bare node:http', bare.node, (s) => s.path, {}],
    ['bare Fastify', bare.fastify, (s) => s.path, {}],
    ['vendor (simulator)', vendor, (s) => s.vendorPath, vendorHeaders],
  ];
  const runs = {};
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const [key, scenario] of Object.entries(scenarios)) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const [name, target, pathOf, headers] of order) {
        log(`round ${round + 1}/${settings.rounds} ${key} ${name}`);
        ((runs[key] ??= {})[name] ??= []).push(await measure(target, pathOf(scenario), headers));
      }
    }
  }
  const throughput = {};
  for (const [key, byTarget] of Object.entries(runs)) {
    throughput[key] = {};
    for (const [name, list] of Object.entries(byTarget)) {
      throughput[key][name] = {
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        cpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest)),
        errors: list.reduce((sum, r) => sum + r.errors, 0),
      };
    }
  }

  log(`memory: ${settings.memorySeconds} s of load on the facade`);
  const rssBefore = rssMb(facade.pid);
  const memoryLoad = settings.seconds;
  settings.seconds = settings.memorySeconds;
  await load(facade.origin + scenarios.page.path);
  settings.seconds = memoryLoad;
  const memory = { rssBeforeMb: rssBefore, rssAfterMb: rssMb(facade.pid), seconds: settings.memorySeconds };

  log('mapping');
  const mapping = benchMapping();

  log('single-flight: 1000 concurrent cold requests');
  await fetch(`${simOrigin}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: 'WeCaht', latencyMs: 300 }),
  });
  const cold = await startFacade();
  await fetch(`${cold.origin}/v1/staff?limit=1`);
  await fetch(`${simOrigin}/__sim/calls`, { method: 'DELETE' });
  const statuses = await Promise.all(
    Array.from({ length: 1000 }, () =>
      fetch(`${cold.origin}/v1/operator-accounts?kind=wechat&limit=1`).then((r) => r.status),
    ),
  );
  const calls = await (await fetch(`${simOrigin}/__sim/calls`)).json();
  await fetch(`${simOrigin}/__sim/faults`, { method: 'DELETE' });
  cold.child.kill('SIGTERM');
  const singleFlight = {
    requests: 1000,
    ok: statuses.filter((s) => s === 200).length,
    vendorCalls: calls['WeCaht'] ?? 0,
  };

  log('cold start, beside a minimal Nest + Fastify app');
  // Process start to the first 200 from /health/ready, alternating the two so drift of the machine's
  // speed falls on both. The facade starts as `npm start` does: with its bundled simulator.
  const coldStarts = [];
  const minimalStarts = [];
  const timeStart = async (args, env) => {
    const started = performance.now();
    const child = start('cold', args, { PORT: '0', HOST: '127.0.0.1', ...env });
    await untilReady(child, started, args[0]);
    const ms = performance.now() - started;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return ms;
  };
  for (let i = 0; i < settings.coldStarts; i += 1) {
    coldStarts.push(await timeStart(['dist/apps/facade/main.js'], { LOG_LEVEL: 'info' }));
    minimalStarts.push(await timeStart(['tools/bench/minimal-nest.cjs'], {}));
  }
  const coldStartMs = median(coldStarts);
  const minimalStartMs = median(minimalStarts);

  // Alone on the server core from here: the earlier servers would poll the vendor for changes meanwhile.
  for (const server of [facade, quiet, bare.node, bare.fastify]) server.child.kill('SIGTERM');
  const changes = await benchChanges(simOrigin, startFacade, { simBase, appId, appKey });
  const sync = await benchSync(simOrigin, startFacade);

  const report = {
    date: new Date().toISOString(),
    quick,
    pinned,
    settings,
    machine: machine(),
    scenarios: Object.fromEntries(
      Object.entries(scenarios).map(([k, s]) => [k, { label: s.label, bytes: s.bytes }]),
    ),
    throughput,
    mapping,
    singleFlight,
    memory,
    coldStartMs,
    coldStarts,
    minimalStartMs,
    minimalStarts,
    changes,
    sync,
  };
  writeReport(report);
}

function writeReport(report) {
  report.targets = targetsOf(report);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'docs/benchmarks.md'), markdown(report));
  log('wrote docs/benchmarks.md and docs/benchmarks.json');
  for (const t of report.targets) log(`${t.met ? 'met ' : 'MISS'} ${t.target}: ${t.measured}`);
}

/** `--only <section>`: that section measured again, every other figure kept from the last full run. */
async function writeOnly(section, measure) {
  const path = join(root, 'docs/benchmarks.json');
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(
      `--only ${section} adds to the figures of a full run, and ${path} cannot be read: run \`npm run bench\` first`,
    );
  }
  report[section] = await measure();
  writeReport(report);
}

/**
 * Cache hits with tracing off and on (every request a sampled server span, exported over OTLP/protobuf to
 * a receiver in this process that discards it), beside another build (`--baseline`, e.g. main's) when
 * given: one facade at a time on the server core, the order rotated each round.
 */
async function benchTracing(startFacade) {
  const baseline = optionValue('--baseline');
  const sink = (await import('node:http')).createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise((resolveListen) => sink.listen(0, '127.0.0.1', resolveListen));
  const variants = {
    ...(baseline ? { 'baseline build, no tracing': { env: {}, script: baseline } } : {}),
    'tracing off (no OTEL_*)': { env: {} },
    'tracing on (OTLP/protobuf, every request sampled)': {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sink.address().port}`,
        OTEL_TRACES_SAMPLER: 'always_on',
      },
    },
  };
  const probe = await startFacade();
  const staffCode = (await (await fetch(`${probe.origin}/v1/staff?limit=1`)).json()).data[0].code;
  await stopFacade(probe);
  const path = `/v1/staff/${encodeURIComponent(staffCode)}`;
  const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const names = Object.keys(variants);
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      log(`tracing: round ${round + 1}, ${name}`);
      const target = await startFacade(variants[name].env, variants[name].script);
      await fetch(target.origin + path);
      const hit = await fetch(target.origin + path);
      if (hit.headers.get('x-cache') !== 'HIT') throw new Error(`${path} is not a cache hit`);
      runs[name].push(await measure(target, path));
      await stopFacade(target);
    }
  }
  sink.close();
  return {
    date: new Date().toISOString(),
    quick,
    label: `GET /v1/staff/${staffCode}`,
    rounds: settings.rounds,
    seconds: settings.seconds,
    connections: settings.connections,
    baseline: baseline ?? null,
    variants: Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [
        name,
        {
          rps: median(list.map((r) => r.rps)),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          cpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest)),
          errors: list.reduce((sum, r) => sum + r.errors, 0),
          rounds: list.map((r) => ({ rps: r.rps, cpuUsPerRequest: r.cpuUsPerRequest })),
        },
      ]),
    ),
  };
}

function tracingMarkdown(r, f) {
  const t = r.tracing;
  if (!t) return '';
  const first = Object.values(t.variants)[0];
  const rows = Object.entries(t.variants)
    .map(
      ([name, m]) =>
        `| ${name} | ${f(m.rps)} | ${f(m.rps / first.rps, 2)} | ${f(m.p50)} | ${f(m.p99)} | ${f(m.cpuUsPerRequest)} | ${f(m.cpuUsPerRequest / first.cpuUsPerRequest, 2)} | ${m.rounds.map((x) => `${f(x.rps)} / ${f(x.cpuUsPerRequest)}`).join(', ')} | ${m.errors} |`,
    )
    .join('\n');
  return `## Tracing (OpenTelemetry)

Measured by \`npm run bench -- --only tracing${t.baseline ? ' --baseline <main build>' : ''}\` on ${t.date.slice(0, 10)}${t.quick ? ' (quick)' : ''}: cache hits of
\`${t.label}\`, each facade alone on the server core, ${t.connections} connections, ${t.seconds} s a run, ${t.rounds} round(s) with the order
rotated, medians.${t.baseline ? ' The first row is the build before tracing existed, started the same way.' : ''} With tracing on every
request is sampled and exported over OTLP/protobuf to a local receiver that discards it. On a machine shared with other work the
server's CPU time per request is steadier than its req/s (the load generator competes for its core): both are shown, round by round.

| facade | req/s | × first row | p50 ms | p99 ms | server CPU µs/req | × first row | each round: req/s / CPU µs | errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows}

`;
}

/** The change feed: CPU and memory of detection on the synthetic data, then fan-out to 1,000 streams. */
async function benchChanges(simOrigin, startFacade, vendor) {
  const pollSeconds = 1;
  log(
    'change feed: reading unchanged vendor answers, parsed anew and known by their fingerprint, side by side',
  );
  const unchangedReads = await unchangedReadsRun(vendor);
  log('change feed: one large answer read through fetch and through node:http, side by side');
  const transport = await transportRun();
  log(`change feed: detection, feed off, ${settings.changePolls} rounds of renames`);
  const off = await detectionRun(simOrigin, startFacade, pollSeconds, false);
  log(`change feed: detection, feed on (CHANGES_POLL_SECONDS=${pollSeconds}), ${settings.changePolls} polls`);
  const on = await detectionRun(simOrigin, startFacade, pollSeconds, true);
  log(
    `change feed: cache hits at ${HIT_RATE}/s while the vendor's data changes every second, feed off and on`,
  );
  const hits = {
    off: await hitLatencyRun(simOrigin, startFacade, false),
    on: await hitLatencyRun(simOrigin, startFacade, true),
    onFromStart: await hitLatencyRun(simOrigin, startFacade, true, { fromStart: true }),
  };
  log(`change feed: fan-out to 1,000 streams, ${settings.fanOutRounds} round(s)`);
  const fanOut = await fanOutRun(simOrigin, startFacade, 1000);
  return {
    date: new Date().toISOString(),
    quick,
    separate: only === 'changes',
    pollSeconds,
    unchangedReads,
    transport,
    off,
    on,
    hits,
    fanOut,
  };
}

function hitsText(hits, f) {
  if (!hits) return '';
  const row = (name, h) =>
    `| ${name} | ${f(h.rps)} | ${f(h.p50)} | ${f(h.p99)} | ${f(h.loopDelayP99Ms)} | ${f(h.loopDelayMaxMs)} | ${h.rounds} | ${h.errors} |`;
  return `**Cache hits while the feed polls.** One small record (\`/v1/staff/{code}\`) asked ${f(HIT_RATE)} times a second for
${f(settings.hitSeconds)} s by autocannon on core ${LOAD_CORE}, while the simulator renames 1 % of the accounts and staff every
second; the facade (LOG_LEVEL=info) with the feed off, then polling every second. Event-loop delay from the facade's
\`nodejs_eventloop_lag_p99_seconds\` and \`_max_seconds\` over the run.

| facade | req/s | p50 ms | p99 ms | event-loop delay p99 ms | event-loop delay max ms | rounds of renames | errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${row('feed off (`CHANGES_POLL_SECONDS=0`)', hits.off)}
${row('feed polling every second, after its baseline poll', hits.on)}
${hits.onFromStart ? `${row('feed polling every second, its baseline poll during the run', hits.onFromStart)}\n` : ''}
The feed's rows start once the facade has listed every account and staff member (as the callers' warm-up would); the
second waits for the baseline poll (the first, which reads and hands over every record) before the load, the third starts at
once, so that the baseline's handover falls within the run. A baseline is taken once per instance that takes the lease.

`;
}

/**
 * Below saturation on purpose: the question is how long an answer waits, not how many the facade can give.
 */
const HIT_RATE = 1000;

/**
 * Cache hits of one small record at a steady rate while the vendor renames 1 % of the accounts and staff
 * every second, with the feed polling every second or off: the answers' latency, and the event-loop delay
 * over the run.
 */
async function hitLatencyRun(simOrigin, startFacade, feedOn, { fromStart = false } = {}) {
  const facade = await startFacade({ CHANGES_POLL_SECONDS: feedOn ? '1' : '0' });
  try {
    const accounts = await listKeys(facade.origin, '/v1/operator-accounts', (account) => String(account.id));
    const staff = await listKeys(facade.origin, '/v1/staff', (member) => member.code);
    // Renames pick indices by round: the record asked for is one they do not reach during the run.
    const path = `/v1/staff/${encodeURIComponent(staff[99])}`;
    await fetch(facade.origin + path);
    if (feedOn && !fromStart) await untilBaselinePolled(facade.origin);
    await scrape(facade.origin);
    let changing = true;
    let rounds = 0;
    const changer = (async () => {
      while (changing) {
        await changeRecords(simOrigin, renames(accounts, staff, rounds));
        rounds += 1;
        await sleep(1000);
      }
    })();
    const result = await load(
      facade.origin + path,
      {},
      { overallRate: HIT_RATE, duration: settings.hitSeconds },
    );
    changing = false;
    await changer;
    const after = await scrape(facade.origin);
    return { ...result, rounds, loopDelayP99Ms: after.loopDelayP99Ms, loopDelayMaxMs: after.loopDelayMaxMs };
  } finally {
    await stopFacade(facade);
  }
}

/** Until the first (baseline) poll is done; a feed that never polls fails the run instead of hanging it. */
async function untilBaselinePolled(origin) {
  for (const deadline = Date.now() + 60_000; (await scrape(origin)).polls < 1; await sleep(100))
    if (Date.now() > deadline) throw new Error('the facade had not finished its baseline poll after 60 s');
}

/**
 * What a poll that finds nothing costs the vendor client: every vendor read of the feed's resources, in this
 * process, each round once parsed anew and once given the previous answer (the order alternating), CPU
 * medians.
 */
async function unchangedReadsRun({ simBase, appId, appKey }) {
  const { VendorClient } = require('@youmi-facade/vendor-client');
  const { readsOf, RESOURCES } = require('@youmi-facade/mapping');
  const client = new VendorClient({ baseUrl: simBase, appId, appKey });
  const reads = readsOf(Object.keys(RESOURCES));
  const previous = new Map();
  const cpuMs = { parsed: [], kept: [] };
  let bytes = 0;
  for (let round = 0; round < settings.mappingRuns * 2 + 1; round += 1) {
    for (const mode of round % 2 ? ['parsed', 'kept'] : ['kept', 'parsed']) {
      const before = process.cpuUsage();
      for (const read of reads) {
        const answer = await client.call(read.endpoint, {
          query: read.query,
          body: read.body,
          previous: mode === 'kept' ? previous.get(read.key) : undefined,
        });
        if (mode === 'kept') previous.set(read.key, answer);
        if (round === 0 && mode === 'parsed') bytes += Buffer.byteLength(JSON.stringify(answer.values));
      }
      const used = process.cpuUsage(before);
      // The first round warms up and gives the kept mode its previous answers.
      if (round > 0) cpuMs[mode].push((used.user + used.system) / 1000);
    }
  }
  // What no incremental detection on the answering thread avoids: each changed answer parsed whole, at once.
  const texts = [];
  for (const read of reads) {
    const answer = await client.call(read.endpoint, { query: read.query, body: read.body });
    texts.push(JSON.stringify(answer.values));
  }
  const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  const parseMs = [];
  for (let run = 0; run < settings.mappingRuns; run += 1) {
    const before = performance.now();
    JSON.parse(largest);
    parseMs.push(performance.now() - before);
  }
  const parsedMs = median(cpuMs.parsed);
  const keptMs = median(cpuMs.kept);
  return {
    reads: reads.length,
    megabytes: bytes / 1e6,
    parsedMs,
    keptMs,
    ratio: parsedMs / keptMs,
    runs: cpuMs.parsed.length,
    largestMegabytes: Buffer.byteLength(largest) / 1e6,
    largestParseMs: median(parseMs),
  };
}

/**
 * What reading one large answer costs the reader through fetch (web streams, its own HTTP parser) and
 * through node:http, which the vendor client uses: CPU of this process per read, a server in another
 * process sending 6 MB of JSON, two reads at a time as a poll makes them, the order alternating.
 */
async function transportRun() {
  const server = spawn(
    process.execPath,
    [
      '-e',
      `const body = Buffer.from(JSON.stringify({ succeed: true, errmsg: 20000, values: Array.from({ length: 10000 }, (_, i) => ({ ad_wechat_nober: 'wxid_' + i, ad_wechat_nickname: '名字' + i, remark: 'x'.repeat(500) })) }));
      require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port + ' bytes ' + body.length); });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [, port, bytes] = await waitForOutput(server, /port (\d+) bytes (\d+)/, 'the transport server');
  const url = `http://127.0.0.1:${port}/`;
  const { request } = await import('node:http');
  const ways = {
    fetch: async () => Buffer.from(await (await fetch(url)).arrayBuffer()),
    'node:http': () =>
      new Promise((resolveRead, rejectRead) => {
        request(url, (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => resolveRead(chunks));
          response.on('error', rejectRead);
        })
          .on('error', rejectRead)
          .end();
      }),
  };
  const cpuMs = { fetch: [], 'node:http': [] };
  try {
    for (let round = 0; round < settings.mappingRuns * 2 + 2; round += 1) {
      for (const way of round % 2 ? ['fetch', 'node:http'] : ['node:http', 'fetch']) {
        const before = process.cpuUsage();
        await Promise.all([ways[way](), ways[way]()]);
        const used = process.cpuUsage(before);
        if (round > 1) cpuMs[way].push((used.user + used.system) / 2000);
      }
    }
  } finally {
    server.kill();
  }
  const fetchMs = median(cpuMs.fetch);
  const httpMs = median(cpuMs['node:http']);
  return {
    megabytes: Number(bytes) / 1e6,
    fetchMs,
    httpMs,
    ratio: fetchMs / httpMs,
    runs: cpuMs.fetch.length,
  };
}

function transportText(t, f) {
  if (!t) return '';
  return `**Vendor transport.** Reading one ${f(t.megabytes, 1)} MB answer, two at a time, side by side in alternating order (medians of ${t.runs}):
through \`fetch\` ${f(t.fetchMs, 1)} ms of CPU a read, through \`node:http\` ${f(t.httpMs, 1)} ms — **${f(t.ratio, 1)} ×**. The vendor client reads
over \`node:http\` and keeps the body in the chunks it arrived in: an answer known by its fingerprint is hashed chunk by chunk and never joined.

`;
}

function unchangedReadsText(u, f) {
  if (!u) return '';
  return `**A poll that finds nothing.** The vendor client reading the ${u.reads} vendor answers of a poll (${f(u.megabytes)} MB of records) in the bench's
process, unchanged since the last poll, each round both ways in alternating order: parsed anew ${f(u.parsedMs)} ms of CPU, given the
previous answer (\`previous\`: the same bytes but for \`msgTime\` and \`requestId\`, so its values are kept unparsed) ${f(u.keptMs)} ms —
**${u.ratio.toFixed(1)} ×** less (medians of ${u.runs} rounds). The detecting instance passes each read's last answer.
${
  u.largestParseMs === undefined
    ? ''
    : `
**Where detection runs.** An answer that changed is parsed whole, in one go: the largest (${f(u.largestMegabytes, 1)} MB of records) takes
${f(u.largestParseMs)} ms to \`JSON.parse\` (median of ${settings.mappingRuns}), longer than the 20 ms an answer may wait. Detection made
incremental on the thread that answers requests (a digest per record, only changed records mapped, slices between yields) would still
block it that long at every change, so the facade reads, parses, maps and compares in a worker thread with its own vendor client,
and hands the answering thread only patches (the changed records, and the positions of the others in the lists it already holds),
which it applies to refresh the cache and commit the events.
`
}
`;
}

/** The facade's Prometheus text as a map from series (`name{labels}`) to value. */
async function scrape(origin) {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const series = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return {
    polls: series.get('facade_change_poll_cpu_seconds_count') ?? 0,
    cpuSeconds: series.get('facade_change_poll_cpu_seconds_sum') ?? 0,
    // Absent from a facade older than the detection thread: the figures that need it then read NaN.
    mainThreadCpuSeconds: series.get('facade_change_poll_main_thread_cpu_seconds_sum') ?? NaN,
    streams: series.get('facade_change_streams_open') ?? 0,
    loopDelayP99Ms: (series.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
    loopDelayMaxMs: (series.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
    rssMb: series.get('process_resident_memory_bytes') / 2 ** 20,
    heapMb: series.get('nodejs_heap_size_used_bytes') / 2 ** 20,
  };
}

// Every 250 ms rather than more often: the poll's CPU metric is the whole process's, scrapes included.
async function nextPoll(origin, since, samples = []) {
  for (const started = Date.now(); Date.now() - started < 60_000; await sleep(250)) {
    const now = await scrape(origin);
    samples.push(now);
    if (now.polls > since.polls) return now;
  }
  throw new Error('no change poll finished within 60 s');
}

/** Waits out about `polls` polls without a request, then scrapes once. */
async function quietPolls(origin, pollSeconds, polls) {
  await sleep(pollSeconds * 1000 * polls);
  return scrape(origin);
}

async function sampleFor(origin, ms, samples) {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(250))
    samples.push(await scrape(origin));
  return samples.at(-1);
}

async function waitForMetric(origin, what, predicate, timeoutMs = 30_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(100)) {
    const now = await scrape(origin);
    if (predicate(now)) return now;
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

async function changeRecords(simOrigin, changes) {
  const response = await fetch(`${simOrigin}/__sim/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ changes }),
  });
  if (!response.ok)
    throw new Error(`POST /__sim/records answered ${response.status}: ${await response.text()}`);
}

async function listKeys(origin, path, keyOf) {
  const keys = [];
  for (let offset = 0; ; offset += 500) {
    const page = await (await fetch(`${origin}${path}?limit=500&offset=${offset}`)).json();
    keys.push(...page.data.map(keyOf));
    if (page.data.length === 0 || keys.length >= page.meta.total) return keys;
  }
}

async function readFeed(origin) {
  const events = [];
  for (let after = ''; ;) {
    const page = await (await fetch(`${origin}/v1/changes?limit=1000${after && `&after=${after}`}`)).json();
    events.push(...page.data);
    if (page.data.length < 1000) return events;
    after = page.meta.next;
  }
}

/** Round `round` renames 1 % of the accounts and of the staff, other records each round. */
function renames(accounts, staff, round) {
  const picked = (keys) => keys.filter((_, i) => i % 100 === round % 100);
  return [
    ...picked(accounts).map((key) => ({
      endpoint: 'WeCaht',
      op: 'update',
      key,
      set: { ad_wechat_nickname: `bench ${round} ${key}` },
    })),
    ...picked(staff).map((key) => ({
      endpoint: 'staff',
      op: 'update',
      key,
      set: { ad_staff_name: `bench ${round} ${key}` },
    })),
  ];
}

// Until its output is closed: its log lines are batched and the last of them written at exit.
async function stopFacade(facade) {
  const closed = new Promise((resolveClose) => facade.child.once('close', resolveClose));
  facade.child.kill('SIGTERM');
  await closed;
}

/**
 * One facade through the same requests with the feed on or off: list every account and staff key, then
 * each round rename 1 % of them at the simulator right after a poll (so that the next poll finds them),
 * and read the feed at the end. With the feed off the rounds take the same time.
 */
async function detectionRun(simOrigin, startFacade, pollSeconds, feedOn) {
  const facade = await startFacade({ CHANGES_POLL_SECONDS: feedOn ? String(pollSeconds) : '0' });
  let out = '';
  facade.child.stdout.on('data', (chunk) => (out += chunk));
  const origin = facade.origin;
  const baseline = feedOn ? await nextPoll(origin, { polls: 0 }) : undefined;
  const accounts = await listKeys(origin, '/v1/operator-accounts', (account) => String(account.id));
  const staff = await listKeys(origin, '/v1/staff', (member) => member.code);
  const afterBaseline = await scrape(origin);
  let mark = feedOn ? await nextPoll(origin, afterBaseline) : afterBaseline;
  // Polls that find nothing, with no request in flight and one scrape at each end: the poll's CPU metric is
  // the whole process's.
  const quiet = feedOn ? { from: mark, to: await quietPolls(origin, pollSeconds, 5) } : undefined;
  if (quiet) mark = quiet.to;
  const first = mark;
  const ticks = cpuTicks(facade.pid);
  const cpuMs = [];
  const mainThreadCpuMs = [];
  // A single reading of the heap counts the garbage of the latest poll; its lowest over the rounds is nearer
  // what stays.
  const samples = [];
  let renamed = 0;
  for (let round = 0; round < settings.changePolls; round += 1) {
    const changes = renames(accounts, staff, round);
    renamed += changes.length;
    await changeRecords(simOrigin, changes);
    const next = feedOn
      ? await nextPoll(origin, mark, samples)
      : await sampleFor(origin, pollSeconds * 1000, samples);
    if (feedOn) {
      cpuMs.push(((next.cpuSeconds - mark.cpuSeconds) / (next.polls - mark.polls)) * 1000);
      mainThreadCpuMs.push(
        ((next.mainThreadCpuSeconds - mark.mainThreadCpuSeconds) / (next.polls - mark.polls)) * 1000,
      );
    }
    mark = next;
  }
  const processCpuMs = (cpuTicks(facade.pid) - ticks) * 10;
  const end = await scrape(origin);
  samples.push(end);
  const events = await readFeed(origin);
  await stopFacade(facade);
  await fetch(`${simOrigin}/__sim/reset`, { method: 'POST' });
  const records = Object.fromEntries(
    [...out.matchAll(/"msg":"([\w-]+): baseline of (\d+) records"/g)].map(([, name, n]) => [name, Number(n)]),
  );
  return {
    feedOn,
    records,
    renamedPerRound: renamed / settings.changePolls,
    renamed,
    polls: mark.polls - first.polls,
    cpuMs,
    mainThreadCpuMs,
    baselineCpuMs: feedOn ? (baseline.cpuSeconds / baseline.polls) * 1000 : null,
    unchangedCpuMs: quiet
      ? ((quiet.to.cpuSeconds - quiet.from.cpuSeconds) / (quiet.to.polls - quiet.from.polls)) * 1000
      : null,
    unchangedMainThreadCpuMs: quiet
      ? ((quiet.to.mainThreadCpuSeconds - quiet.from.mainThreadCpuSeconds) /
          (quiet.to.polls - quiet.from.polls)) *
        1000
      : null,
    unchangedPolls: quiet ? quiet.to.polls - quiet.from.polls : null,
    processCpuMsPerPoll: feedOn ? processCpuMs / (mark.polls - first.polls) : null,
    events: events.length,
    updatedEvents: events.filter((event) => event.type.endsWith('.updated')).length,
    rssAfterBaselineMb: afterBaseline.rssMb,
    heapAfterBaselineMb: afterBaseline.heapMb,
    rssMb: end.rssMb,
    rssPeakMb: Math.max(...samples.map((m) => m.rssMb)),
    heapLowestMb: Math.min(...samples.map((m) => m.heapMb)),
  };
}

function startStreams(url, streams) {
  const args = [join(root, 'tools/bench/sse-worker.mjs'), JSON.stringify({ url, streams })];
  const [command, argv] = pinned
    ? ['taskset', ['-c', LOAD_CORE, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const answer = (message) =>
    new Promise((resolveAnswer, reject) => {
      const onExit = (code) => reject(new Error(`the stream worker exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (reply) => {
        child.off('exit', onExit);
        resolveAnswer(reply);
      });
      if (message) child.send(message);
    });
  return {
    opened: answer(),
    report: () => answer('report'),
    close: () => new Promise((resolveExit) => (child.once('exit', resolveExit), child.send('close'))),
  };
}

/**
 * 1,000 streams held by a worker on the load core; each round renames one staff member and times the
 * arrival of its event on every stream from the event's occurredAt (when the poll read the vendor).
 */
async function fanOutRun(simOrigin, startFacade, count) {
  const facade = await startFacade({ CHANGES_POLL_SECONDS: '1' });
  const origin = facade.origin;
  await nextPoll(origin, { polls: 0 });
  const streams = startStreams(`${origin}/v1/changes/stream`, count);
  await streams.opened;
  await waitForMetric(
    origin,
    `facade_change_streams_open did not reach ${count}`,
    (m) => m.streams === count,
  );
  const seen = new Set();
  const rounds = [];
  for (let round = 0; round < settings.fanOutRounds; round += 1) {
    const changedAt = Date.now();
    await changeRecords(simOrigin, [
      { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_name: `fan-out ${round}` } },
    ]);
    for (const started = Date.now(); ; await sleep(200)) {
      const { received } = await streams.report();
      if (received.every((events) => events.length > round)) break;
      if (Date.now() - started > 20_000)
        throw new Error(`the event of round ${round + 1} did not reach every stream within 20 s`);
    }
    // Long enough for another poll or two, which must not send the event again.
    await sleep(2500);
    const { received } = await streams.report();
    rounds.push(fanOutRound(received, seen, changedAt));
  }
  await streams.close();
  const closed = await waitForMetric(
    origin,
    'facade_change_streams_open did not fall back to 0',
    (m) => m.streams === 0,
    10_000,
  ).then(
    () => true,
    () => false,
  );
  await stopFacade(facade);
  await fetch(`${simOrigin}/__sim/reset`, { method: 'POST' });
  return {
    streams: count,
    rounds,
    firstMs: median(rounds.map((r) => r.firstMs)),
    lastMs: median(rounds.map((r) => r.lastMs)),
    exactlyOnce: rounds.every((r) => r.exactlyOnce),
    closed,
  };
}

/** The one new event of a round: when the first and the last stream had it, and how many copies each got. */
function fanOutRound(received, seen, changedAt) {
  const fresh = received.map((events) => events.filter((event) => !seen.has(event.id)));
  const ids = new Set(fresh.flat().map((event) => event.id));
  for (const id of ids) seen.add(id);
  const arrivals = fresh.flat();
  const detectedAt = Date.parse(arrivals[0].occurredAt);
  const times = arrivals.map((event) => event.at - detectedAt);
  return {
    events: ids.size,
    changeToDetectionMs: detectedAt - changedAt,
    firstMs: Math.min(...times),
    lastMs: Math.max(...times),
    streamsReceiving: fresh.filter((events) => events.length > 0).length,
    exactlyOnce: ids.size === 1 && fresh.every((events) => events.length === 1),
  };
}

function benchMapping() {
  // The workspace packages, built by the app builds this script starts with.
  const lib = require('@youmi-facade/mapping');
  const generators = require('@youmi-facade/vendor-sim');
  const reference = require('./class-transformer-mappers.cjs')(lib.parseVendorTime);
  const accounts = generators.generateOperatorAccounts(100_000);
  const { categories, labels } = generators.generateLabelTaxonomy(5_000, 200);
  const time = (fn) => {
    const started = performance.now();
    const out = fn();
    return { ms: performance.now() - started, out };
  };
  const sink = () => undefined;
  const series = (fn) => {
    fn();
    const runs = Array.from({ length: settings.mappingRuns }, () => time(fn));
    return { ms: median(runs.map((r) => r.ms)), out: runs[0].out };
  };
  const ours = series(() => lib.mapOperatorAccounts(accounts, sink));
  const theirs = series(() => reference.mapOperatorAccounts(accounts));
  const treeOurs = series(() => lib.buildResource('label-tree', [categories, labels], sink));
  const treeTheirs = series(() => reference.buildLabelTree(categories, labels));
  return {
    operatorAccounts: {
      records: accounts.length,
      mappingMs: ours.ms,
      classTransformerMs: theirs.ms,
      recordsPerSecond: accounts.length / (ours.ms / 1000),
      classTransformerRecordsPerSecond: accounts.length / (theirs.ms / 1000),
      equal: isDeepStrictEqual(ours.out, theirs.out),
    },
    labelTree: {
      labels: labels.length,
      categories: categories.length,
      mappingMs: treeOurs.ms,
      classTransformerMs: treeTheirs.ms,
      equal: isDeepStrictEqual(treeOurs.out, treeTheirs.out),
    },
  };
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
}

function targetsOf(r) {
  const t = r.throughput;
  const ratio = (key, metric) => t[key]['facade'][metric] / t[key]['bare node:http'][metric];
  const m = r.mapping.operatorAccounts;
  return [
    {
      target: 'small object: facade ≥ 0.8 × bare node:http req/s',
      measured: `${ratio('small', 'rps').toFixed(2)} ×`,
      met: ratio('small', 'rps') >= 0.8,
    },
    {
      target: 'full page: facade ≥ 0.95 × bare node:http req/s',
      measured: `${ratio('page', 'rps').toFixed(2)} ×`,
      met: ratio('page', 'rps') >= 0.95,
    },
    {
      target: 'small object: facade p99 ≤ 2 × bare p99',
      measured: `${ratio('small', 'p99').toFixed(2)} ×`,
      met: ratio('small', 'p99') <= 2,
    },
    {
      target: 'full page: facade p99 ≤ 2 × bare p99',
      measured: `${ratio('page', 'p99').toFixed(2)} ×`,
      met: ratio('page', 'p99') <= 2,
    },
    {
      target: 'mapping ≥ 10 × class-transformer (100,000 accounts)',
      measured: `${(m.classTransformerMs / m.mappingMs).toFixed(1)} ×, outputs equal: ${m.equal}`,
      met: m.classTransformerMs / m.mappingMs >= 10 && m.equal,
    },
    {
      target: 'label tree ≥ 10 × class-transformer (5,000 labels)',
      measured: `${(r.mapping.labelTree.classTransformerMs / r.mapping.labelTree.mappingMs).toFixed(1)} ×, outputs equal: ${r.mapping.labelTree.equal}`,
      met:
        r.mapping.labelTree.classTransformerMs / r.mapping.labelTree.mappingMs >= 10 &&
        r.mapping.labelTree.equal,
    },
    {
      target: '1 vendor call for 1,000 concurrent cold requests',
      measured: `${r.singleFlight.vendorCalls} call(s), ${r.singleFlight.ok} × 200`,
      met: r.singleFlight.vendorCalls === 1 && r.singleFlight.ok === 1000,
    },
    {
      target: 'RSS under 200 MB after load',
      measured: `${r.memory.rssAfterMb.toFixed(0)} MB after ${r.memory.seconds} s`,
      met: r.memory.rssAfterMb < 200,
    },
    ...changeTargets(r.changes),
    ...syncTargets(r.sync),
    {
      target: 'cold start under 1 s (process start to /health/ready 200, bundled simulator)',
      measured: `${r.coldStartMs.toFixed(0)} ms`,
      met: r.coldStartMs < 1000,
    },
    {
      target: 'cold start ≤ 1.3 × a minimal Nest + Fastify app with one route',
      measured: `${(r.coldStartMs / r.minimalStartMs).toFixed(2)} × (${r.coldStartMs.toFixed(0)} against ${r.minimalStartMs.toFixed(0)} ms)`,
      met: r.coldStartMs <= 1.3 * r.minimalStartMs,
    },
  ];
}

const sum = (values) => values.reduce((total, value) => total + value, 0);
const pollCpu = (c) => ({ meanMs: sum(c.on.cpuMs) / c.on.cpuMs.length, maxMs: Math.max(...c.on.cpuMs) });
const pollMainThreadCpu = (c) => ({
  meanMs: sum(c.on.mainThreadCpuMs ?? []) / (c.on.mainThreadCpuMs ?? []).length,
  maxMs: Math.max(...(c.on.mainThreadCpuMs ?? [NaN])),
});
const recordsDiffed = (c) => sum(Object.values(c.on.records));

function changeTargets(c) {
  if (!c) return [];
  const cpu = pollCpu(c);
  const busy = pollMainThreadCpu(c);
  const served = c.fanOut.rounds.every((round) => round.streamsReceiving === c.fanOut.streams);
  const ofRounds = c.fanOut.rounds.length > 1 ? `, medians of ${c.fanOut.rounds.length} rounds` : '';
  const hits = !c.hits
    ? []
    : [
        {
          target: `cache-hit p99 with the feed polling every second ≤ 1.5 × with it off (${HIT_RATE} req/s)`,
          measured: `${(c.hits.on.p99 / c.hits.off.p99).toFixed(2)} × (${c.hits.on.p99} against ${c.hits.off.p99} ms)${c.hits.onFromStart ? `; with the baseline poll in the run ${c.hits.onFromStart.p99} ms` : ''}`,
          met: c.hits.on.p99 <= 1.5 * c.hits.off.p99,
        },
        {
          target: 'event-loop delay p99 under 20 ms while the feed polls every second',
          measured: `${c.hits.on.loopDelayP99Ms.toFixed(0)} ms (max ${c.hits.on.loopDelayMaxMs.toFixed(0)} ms; feed off: ${c.hits.off.loopDelayP99Ms.toFixed(0)} ms)`,
          met: c.hits.on.loopDelayP99Ms < 20,
        },
      ];
  return [
    ...hits,
    {
      target: "change detection: a poll's diff of 12,000 records under 200 ms CPU",
      measured: `mean ${cpu.meanMs.toFixed(0)} ms, max ${cpu.maxMs.toFixed(0)} ms CPU a poll (${recordsDiffed(c).toLocaleString('en-US')} records read and diffed, ${c.on.renamedPerRound} renamed)`,
      met: cpu.maxMs < 200,
    },
    {
      target: 'change detection: a poll finding renames under 20 ms on the thread that answers requests',
      measured: `mean ${busy.meanMs.toFixed(1)} ms, max ${busy.maxMs.toFixed(1)} ms of CPU a poll on that thread`,
      met: busy.maxMs < 20,
    },
    {
      target: 'change detection: a poll that finds nothing under 50 ms CPU',
      measured: `${c.on.unchangedCpuMs.toFixed(0)} ms CPU a poll`,
      met: c.on.unchangedCpuMs < 50,
    },
    {
      target: 'SSE fan-out: 1,000 streams all served within 1 s of detection',
      measured: `first stream ${c.fanOut.firstMs.toFixed(0)} ms, last ${c.fanOut.lastMs.toFixed(0)} ms after detection${ofRounds}; every stream one copy: ${c.fanOut.exactlyOnce && served}`,
      met: c.fanOut.lastMs < 1000 && c.fanOut.exactlyOnce && served,
    },
  ];
}

function changesMarkdown(r, f) {
  const c = r.changes;
  if (!c) return '';
  const cpu = pollCpu(c);
  const busy = pollMainThreadCpu(c);
  const records = Object.entries(c.on.records)
    .map(([name, n]) => `${f(n)} ${name}`)
    .join(', ');
  const separately = !c.separate
    ? ''
    : `Measured on ${c.date.slice(0, 10)} by \`npm run bench -- --only changes${c.quick ? ' --quick' : ''}\`, apart from the figures above.\n\n`;
  const rounds = c.fanOut.rounds
    .map(
      (round, i) =>
        `| ${i + 1} | ${f(round.changeToDetectionMs)} | ${f(round.firstMs)} | ${f(round.lastMs)} | ${f(round.streamsReceiving)} | ${round.events} | ${round.exactlyOnce ? 'yes' : '**no**'} |`,
    )
    .join('\n');
  return `## Change feed

${separately}Synthetic dataset (\`SIM_SCALE=1\`), in-memory feed. Each poll reads every keyed resource fresh from the vendor and diffs it:
${records} — **${f(recordsDiffed(c))} records** a poll, not only the 12,000 accounts and staff of the target.

${unchangedReadsText(c.unchangedReads, f)}${transportText(c.transport, f)}**Detection cost.** \`CHANGES_POLL_SECONDS=${c.pollSeconds}\`. After the baseline poll, each of ${c.on.polls} polls found
${f(c.on.renamedPerRound)} renamed records (1 % of the operator accounts and of the staff, other ones each poll, renamed at the
simulator through \`POST /__sim/records\` right after the previous poll ended). CPU per poll is the facade's own
\`facade_change_poll_cpu_seconds\` (the process's CPU from the start of a poll's vendor reads to its last commit, so it includes
fetching and mapping the vendor's answers in the detection thread), as deltas of its sum and count between scrapes 250 ms apart: mean
**${f(cpu.meanMs)} ms**, max **${f(cpu.maxMs)} ms** (${c.on.cpuMs.map((ms) => f(ms)).join(', ')} ms). Of that, the thread that answers
requests used (\`facade_change_poll_main_thread_cpu_seconds\`, its CPU while the poll ran, the scrapes' included) mean
**${f(busy.meanMs, 1)} ms**, max **${f(busy.maxMs, 1)} ms** (${(c.on.mainThreadCpuMs ?? []).map((ms) => f(ms, 1)).join(', ')} ms). The baseline poll took
${f(c.on.baselineCpuMs)} ms and ${f(c.on.unchangedPolls)} polls that found nothing, with no request in flight, ${f(c.on.unchangedCpuMs)} ms each (${f(c.on.unchangedMainThreadCpuMs, 1)} ms on the thread that answers requests); the whole process used ${f(c.on.processCpuMsPerPoll)} ms of CPU per poll over the
renaming polls (\`/proc\`, scrapes and idle work included). The feed then held ${f(c.on.events)} events (${f(c.on.updatedEvents)} of them
\`*.updated\`) for ${f(c.on.renamed)} renames.

| facade, through the same requests (every account and staff key listed, the same renames, the feed read) | RSS MB at the end | highest RSS MB | V8 heap used MB, lowest |
| --- | --- | --- | --- |
| feed off (\`CHANGES_POLL_SECONDS=0\`) | ${f(c.off.rssMb)} | ${f(c.off.rssPeakMb)} | ${f(c.off.heapLowestMb)} |
| feed on, after the baseline poll and the listing (one reading) | ${f(c.on.rssAfterBaselineMb)} | – | ${f(c.on.heapAfterBaselineMb)} |
| feed on, through the ${c.on.polls} renaming polls | ${f(c.on.rssMb)} | ${f(c.on.rssPeakMb)} | ${f(c.on.heapLowestMb)} |
| **the feed's share** (on − off) | **${f(c.on.rssMb - c.off.rssMb)}** | **${f(c.on.rssPeakMb - c.off.rssPeakMb)}** | **${f(c.on.heapLowestMb - c.off.heapLowestMb)}** |

From the facade's \`process_resident_memory_bytes\` and \`nodejs_heap_size_used_bytes\`, scraped every 250 ms through the rounds.
The heap's lowest reading is the nearest to what stays: any one reading also counts the latest poll's garbage, and RSS keeps
the room the heap grew into.

${hitsText(c.hits, f)}**SSE fan-out.** One facade (\`CHANGES_POLL_SECONDS=1\`, the same data) with ${f(c.fanOut.streams)} connections to
\`/v1/changes/stream\` held by a worker process on core ${LOAD_CORE} (\`tools/bench/sse-worker.mjs\`, node:http), all counted by
\`facade_change_streams_open\` before the first change. Each round renames one staff member at the simulator; each stream's time is when
the bytes of the event's \`data:\` line arrived, against the event's \`occurredAt\` (the facade's clock when its poll had read the
vendor; same machine, millisecond resolution), and each round waits 2.5 s more for copies a later poll might send.

| round | change → detection ms | detection → first stream ms | detection → last stream ms | streams that received it | events | one copy on every stream |
| --- | --- | --- | --- | --- | --- | --- |
${rounds}

Once the worker closed its connections, \`facade_change_streams_open\` ${c.fanOut.closed ? 'fell back to 0' : '**did not fall back to 0 within 10 s**'}.

`;
}

/**
 * `youmi sync`: first loads of the synthetic dataset into PostgreSQL (each through a facade started cold,
 * into a new schema), then in follow mode how long after the facade publishes an event its row changes.
 */
async function benchSync(simOrigin, startFacade) {
  const pg = require('pg');
  const db = new pg.Client({ connectionString: SYNC_DATABASE_URL });
  await db.connect();
  const schemas = [];
  const syncArgs = (origin, schema) => [
    'dist/apps/youmi-cli/main.js',
    'sync',
    '--facade-url',
    origin,
    '--database-url',
    SYNC_DATABASE_URL,
    '--schema',
    schema,
  ];
  try {
    const loads = [];
    for (let run = 0; run < settings.syncLoads; run += 1) {
      log(`youmi sync: first load ${run + 1}/${settings.syncLoads}`);
      const facade = await startFacade({ LOG_LEVEL: 'silent', CHANGES_POLL_SECONDS: '0' });
      const schema = `bench_sync_${process.pid}_${run}`;
      schemas.push(schema);
      const started = performance.now();
      const child = start('sync', [...syncArgs(facade.origin, schema), '--once'], {}, LOAD_CORE);
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
      const wallMs = performance.now() - started;
      await stopFacade(facade);
      const summary = /first load of (\d+) rows in ([\d.]+) s \(([^)]*)\)/.exec(out);
      if (code !== 0 || !summary) throw new Error(`youmi sync --once exited ${code}: ${out}`);
      loads.push({ wallMs, loadMs: Number(summary[2]) * 1000, rows: Number(summary[1]), tables: summary[3] });
    }

    log(`youmi sync: ${settings.syncEvents} renames followed from the stream`);
    const facade = await startFacade({ LOG_LEVEL: 'silent', CHANGES_POLL_SECONDS: '1' });
    const schema = schemas[schemas.length - 1];
    const follower = start('sync', syncArgs(facade.origin, schema), {}, LOAD_CORE);
    await waitForOutput(follower, /caught up/, 'youmi sync');
    const nameOf = async () =>
      (await db.query(`SELECT name FROM ${schema}.staff WHERE code = 'b01'`)).rows[0]?.name;
    const lagsMs = [];
    // The first rename is read by polling (an empty feed gives no id to follow the stream from): not counted.
    for (let round = 0; round <= settings.syncEvents; round += 1) {
      const name = `bench sync ${round}`;
      await changeRecords(simOrigin, [
        { endpoint: 'staff', op: 'update', key: 'b01', set: { ad_staff_name: name } },
      ]);
      const deadline = Date.now() + 30_000;
      while ((await nameOf()) !== name) {
        if (Date.now() > deadline)
          throw new Error(`youmi sync did not apply the rename to ${name} within 30 s`);
        await sleep(5);
      }
      const appliedAt = Date.now();
      const page = await (await fetch(`${facade.origin}/v1/changes?resource=staff&limit=1000`)).json();
      const event = page.data.findLast((e) => e.key === 'b01' && e.data?.name === name);
      if (!event) throw new Error(`no staff.updated event for ${name} in the feed`);
      if (round > 0) lagsMs.push(appliedAt - Date.parse(event.occurredAt));
    }
    follower.kill('SIGTERM');
    await stopFacade(facade);
    return { date: new Date().toISOString(), quick, separate: only === 'sync', loads, lagsMs };
  } finally {
    for (const schema of schemas) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
  }
}

function syncTargets(s) {
  if (!s) return [];
  const wall = median(s.loads.map((load) => load.wallMs));
  const lag = Math.max(...s.lagsMs);
  return [
    {
      target: 'youmi sync: first load of the synthetic dataset into PostgreSQL under 30 s',
      measured: `median ${(wall / 1000).toFixed(1)} s from start to exit (${s.loads[0].rows.toLocaleString('en-US')} rows${s.loads.length > 1 ? `, ${s.loads.length} runs` : ''})`,
      met: wall < 30_000,
    },
    {
      target: 'youmi sync: an event applied within 1 s of the facade publishing it',
      measured: `at most ${lag.toFixed(0)} ms, median ${median(s.lagsMs).toFixed(0)} ms (${s.lagsMs.length} renames)`,
      met: lag < 1000,
    },
  ];
}

function syncMarkdown(r, f) {
  const s = r.sync;
  if (!s) return '';
  const separately = !s.separate
    ? ''
    : `Measured on ${s.date.slice(0, 10)} by \`npm run bench -- --only sync${s.quick ? ' --quick' : ''}\`, apart from the figures above.\n\n`;
  const rows = s.loads
    .map((load, i) => `| ${i + 1} | ${f(load.wallMs)} | ${f(load.loadMs)} | ${f(load.rows)} |`)
    .join('\n');
  return `## youmi sync

${separately}\`youmi sync --once\` into a new schema of the machine's PostgreSQL, each run through a facade started just before (its cache
cold: the first load includes the facade's own vendor reads), synthetic dataset (\`SIM_SCALE=1\`): ${s.loads[0].tables}. The time
runs from the process's start to its exit (connecting, creating the tables, reading every list in pages of 500 and writing
each page as one multi-row statement, in one transaction).

| run | start to exit, ms | first load (its summary line), ms | rows |
| --- | --- | --- | --- |
${rows}

Then \`youmi sync\` follows the stream (\`CHANGES_POLL_SECONDS=1\`) while a staff member is renamed at the simulator ${s.lagsMs.length}
times; each figure is the time from the event's \`occurredAt\` (the facade publishing it) to the new name read from the table
(polled every 5 ms): ${s.lagsMs.map((v) => f(v)).join(', ')} ms.

`;
}

function markdown(r) {
  const f = (n, d = 0) =>
    n === null || n === undefined
      ? '–'
      : Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const rows = (key) =>
    Object.entries(r.throughput[key])
      .map(
        ([name, m]) =>
          `| ${name} | ${f(m.rps)} | ${f(m.rps / r.throughput[key]['bare node:http'].rps, 2)} | ${f(m.p50)} | ${f(m.p99)} | ${f(m.cpuUsPerRequest)} | ${m.errors} |`,
      )
      .join('\n');
  const table = (key) => `### ${r.scenarios[key].label} (${f(r.scenarios[key].bytes)} bytes)

| server | req/s | × bare node:http | p50 ms | p99 ms | server CPU µs/req | errors |
| --- | --- | --- | --- | --- | --- | --- |
${rows(key)}
`;
  return `# Benchmarks

Measured by \`npm run bench${r.quick ? ' -- --quick' : ''}\` on ${r.date.slice(0, 10)}; every figure below comes from that one run on this
machine and is regenerated with it. ${r.quick ? '**This is a quick run** (short, one round): figures are indicative; run `npm run bench` for the full one.' : ''}

**Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GiB, Node ${r.machine.node}, ${r.machine.platform}.
**Method:** server on core ${SERVER_CORE}, autocannon on core ${LOAD_CORE} (\`taskset\`${r.pinned ? '' : ' — not available, so unpinned'}),
${r.settings.connections} connections, ${r.settings.seconds} s a run, ${r.settings.rounds} round(s) with the servers' order rotated each
round; medians. The facade answers cache hits (\`X-Cache: HIT\`) with its production settings (LOG_LEVEL=info, its stdout read by
the bench: security headers, API-key and rate-limit checks, ETag, metrics, a log line per request); only RATE_LIMIT_PER_MINUTE is
raised so the limit does not answer 429. Every request takes the one path through Fastify; a hit is answered by its cached-answer
hook, before Nest's router, middleware, guards, pipes and interceptors. The row \`facade, LOG_LEVEL=silent\` is the same facade
without the log line, so the difference between the two is the line's cost.
The bare servers answer the very bytes and headers the facade answered; the vendor row is the simulator answering the raw vendor
call with a token and signed headers (\`staff?ad_staff_code=…\`, and \`WeCaht?ad_wechat_lei=0\`, the whole list a consumer would
have to fetch). Synthetic dataset, \`SIM_SCALE=1\` (10,000 operator accounts, 2,000 staff).

## Targets

| target | measured | met |
| --- | --- | --- |
${r.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`).join('\n')}

## Throughput and latency (cache hits)

${table('small')}
${table('page')}
## Mapping

| work | ours | class-transformer (\`@Expose\`/\`@Transform\`) | ratio | outputs equal |
| --- | --- | --- | --- | --- |
| ${f(r.mapping.operatorAccounts.records)} synthetic operator accounts | ${f(r.mapping.operatorAccounts.mappingMs)} ms (${f(r.mapping.operatorAccounts.recordsPerSecond)} records/s) | ${f(r.mapping.operatorAccounts.classTransformerMs)} ms (${f(r.mapping.operatorAccounts.classTransformerRecordsPerSecond)} records/s) | ${f(r.mapping.operatorAccounts.classTransformerMs / r.mapping.operatorAccounts.mappingMs, 1)} × | ${r.mapping.operatorAccounts.equal} |
| label tree from ${f(r.mapping.labelTree.labels)} labels in ${r.mapping.labelTree.categories} categories | ${f(r.mapping.labelTree.mappingMs, 1)} ms | ${f(r.mapping.labelTree.classTransformerMs, 1)} ms | ${f(r.mapping.labelTree.classTransformerMs / r.mapping.labelTree.mappingMs, 1)} × | ${r.mapping.labelTree.equal} |

Medians of ${r.settings.mappingRuns} runs after a warm-up run, in one process. The class-transformer version
(\`tools/bench/class-transformer-mappers.cjs\`) applies the same rules and reuses our time parser, so the ratio is the framework's cost.

## Single-flight, memory, cold start

- ${f(r.singleFlight.requests)} concurrent cold requests for \`GET /v1/operator-accounts?kind=wechat&limit=1\` (vendor slowed by 300 ms):
  **${r.singleFlight.vendorCalls} vendor call(s)** to \`WeCaht\`, ${r.singleFlight.ok} answered 200.
- Facade RSS: ${f(r.memory.rssBeforeMb)} MB before, **${f(r.memory.rssAfterMb)} MB** after ${r.memory.seconds} s of full-page load.
- Cold start (process start to the first 200 from \`/health/ready\`, with the bundled simulator as \`npm start\` runs it, and
  the code cache the facades above wrote): median
  **${f(r.coldStartMs)} ms** of ${r.coldStarts.length} (${r.coldStarts.map((v) => f(v)).join(', ')} ms), against **${f(r.minimalStartMs)} ms**
  (${r.minimalStarts.map((v) => f(v)).join(', ')} ms) for a minimal Nest + Fastify app with one route (\`tools/bench/minimal-nest.cjs\`),
  started alternately: **${f(r.coldStartMs / r.minimalStartMs, 2)} ×**.

${changesMarkdown(r, f)}${syncMarkdown(r, f)}${tracingMarkdown(r, f)}${readFileSync(join(root, 'tools/bench/optimisation-notes.md'), 'utf8')}
## Commands

\`\`\`sh
npm run bench            # full run (a few minutes): this file and docs/benchmarks.json
npm run bench -- --quick # under 2 minutes; CI runs it to prove it works (no assertion on the figures)
npm run bench -- --only changes # the change feed alone (about a minute), other figures kept from the last run
npm run bench -- --only sync    # youmi sync into PostgreSQL alone (under a minute), other figures kept
npm run bench -- --only tracing --baseline <a build's main.js> # tracing off and on, beside that build
node tools/bench/cold-start.mjs [--runs 9] <a build's main.js>... # cold starts alone, beside the minimal app
\`\`\`
`;
}

main()
  .catch((error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGTERM');
  });
