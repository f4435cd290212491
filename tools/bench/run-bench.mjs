// `npm run bench [-- --quick]`: measures the facade beside its practical limits in one run on this
// machine, and writes docs/benchmarks.md and docs/benchmarks.json. See docs/benchmarks.md for the method.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildApps, root } from '../lib/built-apps.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const settings = quick
  ? { rounds: 1, seconds: 2, connections: 16, memorySeconds: 8, coldStarts: 3, mappingRuns: 2 }
  : { rounds: 3, seconds: 8, connections: 16, memorySeconds: 60, coldStarts: 7, mappingRuns: 5 };
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const children = new Set();
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function start(name, args, env = {}, core = SERVER_CORE) {
  const [command, argv] = pinned ? ['taskset', ['-c', core, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function waitForLine(child, pattern, what) {
  return new Promise((resolveLine, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), 30000);
    const onData = (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolveLine(match);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Asynchronous on purpose: the servers' stdout pipes must keep draining while the load runs, or a
// server that logs each request would block on a full pipe and the figures would measure that.
function load(url, headers = {}) {
  const options = { url, connections: settings.connections, duration: settings.seconds, headers };
  const args = [join(root, 'tools/bench/load-worker.mjs'), JSON.stringify(options)];
  const [command, argv] = pinned ? ['taskset', ['-c', LOAD_CORE, process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolveLoad, reject) => {
    const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolveLoad(JSON.parse(out)) : reject(new Error(`load worker failed: ${err}`))));
  });
}

async function measure(target, path, headers) {
  const before = cpuTicks(target.pid);
  const result = await load(target.origin + path, headers);
  const ticks = cpuTicks(target.pid) - before;
  return { ...result, cpuUsPerRequest: result.requests > 0 ? (ticks * 10_000) / result.requests : null };
}

async function main() {
  log(`building (quick=${quick}, pinned=${pinned})`);
  if (!buildApps()) throw new Error('build failed');

  const appId = 'bench-app';
  const appKey = randomBytes(16).toString('hex');
  const sim = start('sim', ['dist/apps/vendor-sim/main.js'], { PORT: '0', SIM_DATASET: 'synthetic', SIM_SCALE: '1', SIM_APP_ID: appId, SIM_APP_KEY: appKey });
  const [, simBase] = await waitForLine(sim, /listening on (http:\S+\/publicapi\/v1\/)/, 'the simulator');
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
  const startFacade = async (env = {}) => {
    const child = start('facade', ['dist/apps/facade/main.js'], { ...facadeEnv, ...env });
    const [, origin] = await waitForLine(child, /API (http:\S+)\/v1/, 'the facade');
    return { child, pid: child.pid, origin: origin.replace('localhost', '127.0.0.1') };
  };
  const facade = await startFacade();

  const staffCode = (await (await fetch(`${facade.origin}/v1/staff?limit=1`)).json()).data[0].code;
  const scenarios = {
    small: { label: `GET /v1/staff/${staffCode}`, path: `/v1/staff/${encodeURIComponent(staffCode)}`, vendorPath: `/publicapi/v1/staff?ad_staff_code=${encodeURIComponent(staffCode)}` },
    page: { label: 'GET /v1/operator-accounts?kind=wechat&limit=500', path: '/v1/operator-accounts?kind=wechat&limit=500', vendorPath: '/publicapi/v1/WeCaht?ad_wechat_lei=0' },
  };
  const fixtures = {};
  for (const scenario of Object.values(scenarios)) {
    await fetch(facade.origin + scenario.path);
    const response = await fetch(facade.origin + scenario.path);
    if (response.headers.get('x-cache') !== 'HIT') throw new Error(`${scenario.path} is not a cache hit`);
    const headers = {};
    for (const [name, value] of response.headers) if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id'].includes(name)) headers[name] = value;
    const body = await response.text();
    fixtures[scenario.path] = { headers, body };
    scenario.bytes = Buffer.byteLength(body);
  }
  const fixturesPath = join(tmpdir(), `bench-fixtures-${process.pid}.json`);
  writeFileSync(fixturesPath, JSON.stringify(fixtures));
  const bare = {};
  for (const kind of ['node', 'fastify']) {
    const child = start(kind, ['tools/bench/bare-server.mjs', kind, fixturesPath]);
    const [, port] = await waitForLine(child, /listening (\d+)/, `bare ${kind}`);
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
        body: JSON.stringify({ AppId: appId, Nonce: nonce, Timestamp: timestamp, Signature: sign(appId + nonce + timestamp) }),
      })
    ).json()
  ).values.access_token;
  const vendorHeaders = { access_token: token, Nonce: nonce, Timestamp: timestamp, Signature: sign(token + nonce + timestamp) };
  const vendor = { pid: sim.pid, origin: simOrigin };

  const targets = [
    ['facade', facade, (s) => s.path, {}],
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
  await fetch(`${simOrigin}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: 'WeCaht', latencyMs: 300 }) });
  const cold = await startFacade();
  await fetch(`${cold.origin}/v1/staff?limit=1`);
  await fetch(`${simOrigin}/__sim/calls`, { method: 'DELETE' });
  const statuses = await Promise.all(Array.from({ length: 1000 }, () => fetch(`${cold.origin}/v1/operator-accounts?kind=wechat&limit=1`).then((r) => r.status)));
  const calls = await (await fetch(`${simOrigin}/__sim/calls`)).json();
  await fetch(`${simOrigin}/__sim/faults`, { method: 'DELETE' });
  cold.child.kill('SIGTERM');
  const singleFlight = { requests: 1000, ok: statuses.filter((s) => s === 200).length, vendorCalls: calls['WeCaht'] ?? 0 };

  log('cold start, beside a minimal Nest + Fastify app');
  // Process start to the first 200 from /health/ready, alternating the two so drift of the machine's
  // speed falls on both. The facade starts as `npm start` does: with its bundled simulator.
  const coldStarts = [];
  const minimalStarts = [];
  const timeStart = async (args, env) => {
    const started = performance.now();
    const child = start('cold', args, { PORT: '0', HOST: '127.0.0.1', ...env });
    const [, origin] = await waitForLine(child, /API (http:\S+)\/v1/, args[0]);
    const readyUrl = `${origin.replace('localhost', '127.0.0.1')}/health/ready`;
    for (;;) {
      const ok = await fetch(readyUrl).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (performance.now() - started > 20_000) throw new Error(`${args[0]} was not ready within 20 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
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

  const report = { date: new Date().toISOString(), quick, pinned, settings, machine: machine(), scenarios: Object.fromEntries(Object.entries(scenarios).map(([k, s]) => [k, { label: s.label, bytes: s.bytes }])), throughput, mapping, singleFlight, memory, coldStartMs, coldStarts, minimalStartMs, minimalStarts };
  report.targets = targetsOf(report);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'docs/benchmarks.md'), markdown(report));
  log('wrote docs/benchmarks.md and docs/benchmarks.json');
  for (const t of report.targets) log(`${t.met ? 'met ' : 'MISS'} ${t.target}: ${t.measured}`);
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
  const treeOurs = series(() => lib.buildLabelTree(categories, labels, sink));
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
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
}

function targetsOf(r) {
  const t = r.throughput;
  const ratio = (key, metric) => t[key]['facade'][metric] / t[key]['bare node:http'][metric];
  const m = r.mapping.operatorAccounts;
  return [
    { target: 'small object: facade ≥ 0.5 × bare node:http req/s', measured: `${ratio('small', 'rps').toFixed(2)} ×`, met: ratio('small', 'rps') >= 0.5 },
    { target: 'full page: facade ≥ 0.8 × bare node:http req/s', measured: `${ratio('page', 'rps').toFixed(2)} ×`, met: ratio('page', 'rps') >= 0.8 },
    { target: 'small object: facade p99 ≤ 3 × bare p99', measured: `${ratio('small', 'p99').toFixed(2)} ×`, met: ratio('small', 'p99') <= 3 },
    { target: 'full page: facade p99 ≤ 3 × bare p99', measured: `${ratio('page', 'p99').toFixed(2)} ×`, met: ratio('page', 'p99') <= 3 },
    { target: 'mapping ≥ 10 × class-transformer (100,000 accounts)', measured: `${(m.classTransformerMs / m.mappingMs).toFixed(1)} ×, outputs equal: ${m.equal}`, met: m.classTransformerMs / m.mappingMs >= 10 && m.equal },
    { target: 'label tree ≥ 10 × class-transformer (5,000 labels)', measured: `${(r.mapping.labelTree.classTransformerMs / r.mapping.labelTree.mappingMs).toFixed(1)} ×, outputs equal: ${r.mapping.labelTree.equal}`, met: r.mapping.labelTree.classTransformerMs / r.mapping.labelTree.mappingMs >= 10 && r.mapping.labelTree.equal },
    { target: '1 vendor call for 1,000 concurrent cold requests', measured: `${r.singleFlight.vendorCalls} call(s), ${r.singleFlight.ok} × 200`, met: r.singleFlight.vendorCalls === 1 && r.singleFlight.ok === 1000 },
    { target: 'RSS under 200 MB after load', measured: `${r.memory.rssAfterMb.toFixed(0)} MB after ${r.memory.seconds} s`, met: r.memory.rssAfterMb < 200 },
    { target: 'cold start under 1 s (process start to /health/ready 200, bundled simulator)', measured: `${r.coldStartMs.toFixed(0)} ms`, met: r.coldStartMs < 1000 },
    {
      target: 'cold start ≤ 1.5 × a minimal Nest + Fastify app with one route',
      measured: `${(r.coldStartMs / r.minimalStartMs).toFixed(2)} × (${r.coldStartMs.toFixed(0)} against ${r.minimalStartMs.toFixed(0)} ms)`,
      met: r.coldStartMs <= 1.5 * r.minimalStartMs,
    },
  ];
}

function markdown(r) {
  const f = (n, d = 0) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
  const rows = (key) =>
    Object.entries(r.throughput[key])
      .map(([name, m]) => `| ${name} | ${f(m.rps)} | ${f(m.rps / r.throughput[key]['bare node:http'].rps, 2)} | ${f(m.p50)} | ${f(m.p99)} | ${f(m.cpuUsPerRequest)} | ${m.errors} |`)
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
round; medians. The facade answers cache hits (\`X-Cache: HIT\`) with its production settings (LOG_LEVEL=info to /dev/null:
security headers, API-key and rate-limit checks, ETag, metrics, a log line per request); only RATE_LIMIT_PER_MINUTE is raised so
the limit does not answer 429. Hits of a URL already answered skip the Nest pipeline (see the last section).
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
- Cold start (process start to the first 200 from \`/health/ready\`, with the bundled simulator as \`npm start\` runs it): median
  **${f(r.coldStartMs)} ms** of ${r.coldStarts.length} (${r.coldStarts.map((v) => f(v)).join(', ')} ms), against **${f(r.minimalStartMs)} ms**
  (${r.minimalStarts.map((v) => f(v)).join(', ')} ms) for a minimal Nest + Fastify app with one route (\`tools/bench/minimal-nest.cjs\`),
  started alternately: **${f(r.coldStartMs / r.minimalStartMs, 2)} ×**.

${readFileSync(join(root, 'tools/bench/optimisation-notes.md'), 'utf8')}
## Commands

\`\`\`sh
npm run bench            # full run (a few minutes): this file and docs/benchmarks.json
npm run bench -- --quick # under 2 minutes; CI runs it to prove it works (no assertion on the figures)
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
