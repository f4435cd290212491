// `npm run soak -- [--minutes N] [--rate R] [--quick] [--heap-snapshots]`: two facade instances on a private
// Redis, with the change feed on and a webhook receiver, under a steady load while the vendor, Redis, one
// instance and the receiver fail in turn and the vendor's data keeps changing. Writes docs/soak.md and
// docs/soak.json (`--quick`: one minute, into reports/soak/); exits 1 when an answer broke the contract, an
// event was lost, doubled or out of order, or (full runs) memory grew by 10 % or more after warm-up. Method
// and figures: docs/soak.md. `--heap-snapshots`: each instance's heap is also written after warm-up and at
// the end (a full GC first, so only what is still reachable; each pauses the instance a few seconds), and
// what grew is printed.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTcpServer, connect } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { buildApps, root, waitForOutput } from '../lib/built-apps.mjs';
import { auditEvents, eventsHeld } from './event-audit.mjs';
import { growth, summarise } from './heap-summary.mjs';
import { writeSoakReport } from './soak-report.mjs';
import { startVendorGate } from './vendor-gate.mjs';

const log = (message) =>
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

function optionValue(name) {
  const at = process.argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at === -1) return undefined;
  return process.argv[at].includes('=') ? process.argv[at].split('=')[1] : process.argv[at + 1];
}
function numberOption(name, fallback, min, max) {
  const text = optionValue(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    process.stderr.write(`soak: ${name} must be a number from ${min} to ${max} (got "${text}")\n`);
    process.exit(2);
  }
  return value;
}

const quick = process.argv.includes('--quick');
const heapSnapshots = process.argv.includes('--heap-snapshots');
const minutes = quick ? 1 : numberOption('--minutes', 10, 1, 240);
const rate = numberOption('--rate', 300, 1, 5000);
const outDir = join(root, quick ? 'reports/soak' : 'docs');
const logDir = join(root, 'reports/soak');
const totalSeconds = minutes * 60;
const settings = {
  minutes,
  rate,
  quick,
  scale: 1,
  pollSeconds: 2,
  cacheTtlSeconds: 10,
  refreshBudgetMs: 250,
  upstreamTimeoutMs: 5000,
  streamsPerInstance: 10,
  changeEverySeconds: quick ? 1 : 2,
  requestTimeoutMs: 30000,
};

const children = new Set();
function run(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  child.stdout.pipe(file, { end: false });
  child.stderr.pipe(file, { end: false });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function freePort() {
  return new Promise((resolvePort) => {
    const server = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function redisAnswers(port) {
  return new Promise((resolveAnswer) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok) => {
      socket.destroy();
      resolveAnswer(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.write('PING\r\n');
  });
}

async function startRedis(port) {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('redis-server is not installed; the soak runs a private one');
  const child = run(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
  );
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(port)) return child;
    await sleep(100);
  }
  throw new Error(`the private redis-server on port ${port} did not answer`);
}

async function stopChild(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill(signal);
  await Promise.race([exited, sleep(10000).then(() => child.kill('SIGKILL'))]);
  await exited;
}

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 102.4) / 10;
  } catch {
    return null;
  }
}

function webhookReceiver(port, secret) {
  const verifier = new Webhook(secret);
  const received = [];
  const events = [];
  let badSignatures = 0;
  let server;
  const start = () =>
    new Promise((resolveStart) => {
      server = createServer((request, response) => {
        const chunks = [];
        request.on('data', (chunk) => chunks.push(chunk));
        request.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          try {
            const event = verifier.verify(body, request.headers);
            received.push(event.id);
            events.push({
              id: event.id,
              type: event.type,
              key: event.key,
              occurredAt: event.occurredAt,
              receivedAt: new Date().toISOString(),
            });
            response.writeHead(204).end();
          } catch {
            badSignatures += 1;
            response.writeHead(400).end();
          }
        });
      });
      server.listen(port, '127.0.0.1', resolveStart);
    });
  return {
    start,
    received,
    events,
    get badSignatures() {
      return badSignatures;
    },
    stop: () =>
      new Promise((resolveStop) => {
        server.close(() => resolveStop());
        server.closeAllConnections();
      }),
  };
}

async function main() {
  mkdirSync(logDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  log(`building (${minutes} min at ${rate} requests/s${quick ? ', quick' : ''})`);
  if (!buildApps(['sdk'])) throw new Error('build failed');
  const { createFacadeClient } = await import('@youmi-facade/sdk');

  const ports = {
    redis: await freePort(),
    sim: await freePort(),
    receiver: await freePort(),
    a: await freePort(),
    b: await freePort(),
  };
  let redis = await startRedis(ports.redis);
  const appId = 'soak-app';
  const appKey = randomBytes(16).toString('hex');
  const sim = run('vendor-sim', process.execPath, ['dist/apps/vendor-sim/main.js'], {
    PORT: String(ports.sim),
    SIM_DATASET: 'synthetic',
    SIM_SCALE: String(settings.scale),
    SIM_APP_ID: appId,
    SIM_APP_KEY: appKey,
  });
  await waitForOutput(sim, /listening on http/, 'the simulator');
  const simOrigin = `http://127.0.0.1:${ports.sim}`;
  const control = async (method, path, body) => {
    const response = await fetch(simOrigin + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok)
      throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const gate = await startVendorGate({ host: '127.0.0.1', port: ports.sim });

  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const receiver = webhookReceiver(ports.receiver, secret);
  await receiver.start();

  const apiKey = randomBytes(12).toString('hex');
  const facadeEnv = {
    HOST: '127.0.0.1',
    UPSTREAM_BASE_URL: `${gate.origin}/publicapi/v1/`,
    UPSTREAM_APP_ID: appId,
    UPSTREAM_APP_KEY: appKey,
    UPSTREAM_TIMEOUT_MS: String(settings.upstreamTimeoutMs),
    REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
    FACADE_API_KEYS: apiKey,
    RATE_LIMIT_PER_MINUTE: '10000000',
    CACHE_TTL_SECONDS: String(settings.cacheTtlSeconds),
    CACHE_REFRESH_BUDGET_MS: String(settings.refreshBudgetMs),
    CHANGES_POLL_SECONDS: String(settings.pollSeconds),
    WEBHOOK_URLS: `http://127.0.0.1:${ports.receiver}/hook`,
    WEBHOOK_SECRET: secret,
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
    ...(heapSnapshots ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGWINCH --diagnostic-dir=${logDir}` } : {}),
  };
  const instances = {};
  const startInstance = async (name) => {
    const child = run(`facade-${name}`, process.execPath, ['dist/apps/facade/main.js'], {
      ...facadeEnv,
      PORT: String(ports[name]),
    });
    await waitForOutput(child, /API (http:\S+)\/v1/, `facade ${name}`);
    instances[name] = { name, child, origin: `http://127.0.0.1:${ports[name]}` };
    return instances[name];
  };
  await startInstance('a');
  await startInstance('b');
  const origins = [instances.a.origin, instances.b.origin];
  const get = async (origin, path) => {
    const response = await fetch(origin + path, { headers: { 'x-api-key': apiKey } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return response.json();
  };
  for (const origin of origins) {
    for (let i = 0; (await fetch(`${origin}/health/ready`)).status !== 200; i++) {
      if (i > 300) throw new Error(`${origin} is not ready`);
      await sleep(100);
    }
  }

  // Records for the load (left alone) and for the changes (each changed once), from the facade itself.
  const staff = (await get(origins[0], '/v1/staff?limit=500')).data.map((s) => s.code);
  const accounts = (await get(origins[0], '/v1/operator-accounts?limit=20')).data.map((a) => a.id);
  const labels = (await get(origins[0], '/v1/labels?limit=500')).data.map((l) => l.id);
  const targets = loadTargets(staff.slice(0, 10), accounts.slice(0, 10), labels.slice(0, 5));
  for (const target of targets)
    for (const origin of origins)
      await fetch(origin + target.path, { headers: { 'x-api-key': apiKey, ...(target.headers ?? {}) } });

  // The detector's first poll is a baseline; the feed must have taken it before anything changes.
  await waitFor(
    async () => (await metricValue(origins, 'facade_change_polls_total{outcome="ok"}')) >= 2,
    60000,
    'the first change-feed polls',
  );

  const verifiers = Object.fromEntries(
    Object.entries(instances).map(([name, instance]) => {
      const ids = [];
      const aborter = new AbortController();
      const client = createFacadeClient({ baseUrl: instance.origin, apiKey });
      const done = (async () => {
        try {
          for await (const event of client.streamChanges({ signal: aborter.signal, reconnectMs: 500 }))
            ids.push(event.id);
        } catch (error) {
          ids.error = String(error?.message ?? error);
        }
      })();
      return [`stream on ${name}`, { ids, aborter, done }];
    }),
  );
  await sleep(1500);

  const load = spawn(
    process.execPath,
    [
      join(root, 'tools/soak/load-generator.mjs'),
      JSON.stringify({
        origins,
        rate,
        apiKey,
        targets,
        streamsPerOrigin: settings.streamsPerInstance,
        timeoutMs: settings.requestTimeoutMs,
      }),
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.add(load);
  const loadResults = new Promise((resolveResults) =>
    load.on('message', (m) => m.type === 'results' && resolveResults(m)),
  );

  // The vendor's data changes throughout: every tick one record no earlier change touched.
  const expected = [];
  const changeErrors = [];
  const changePool = { staff: staff.slice(100), labels: labels.slice(100), added: 0 };
  let tick = 0;
  const changer = setInterval(async () => {
    const n = tick++;
    const change = nextChange(n, changePool);
    if (!change) return;
    try {
      await control('POST', '/__sim/records', change.request);
      expected.push({ ...change.expect, at: new Date().toISOString() });
    } catch (error) {
      changeErrors.push(String(error.message));
    }
  }, settings.changeEverySeconds * 1000);

  const memory = [];
  let phaseName = 'steady';
  let samples = 0;
  const sampler = setInterval(async () => {
    const sample = {
      t: Date.now(),
      phase: phaseName,
      a: rssMb(instances.a.child.pid),
      b: rssMb(instances.b.child.pid),
      redis: rssMb(redis.pid),
    };
    memory.push(sample);
    // The V8 heap in use, from each instance's /metrics: what RSS holds beyond it is freed memory not yet
    // returned.
    if (samples++ % 5 === 0) {
      for (const name of ['a', 'b']) sample[`${name}Heap`] = await heapUsedMb(instances[name].origin);
    }
  }, 1000);

  const phases = chaosSchedule({
    control,
    gate,
    receiver,
    instances,
    startInstance,
    load,
    redisPort: ports.redis,
    getRedis: () => redis,
    setRedis: (r) => (redis = r),
    origins,
  });
  const webhookSeconds = quick ? totalSeconds / phases.length : Math.min(60, totalSeconds / phases.length);
  const otherSeconds = (totalSeconds - webhookSeconds) / (phases.length - 1);
  const phaseRecords = [];
  for (const phase of phases) {
    const seconds = phase.name === 'webhook-down' ? webhookSeconds : otherSeconds;
    phaseName = phase.name;
    load.send({ type: 'phase', name: phase.name });
    const callsBefore = await control('GET', '/__sim/calls');
    log(`phase ${phase.name} (${Math.round(seconds)} s): ${phase.what}`);
    const startedAt = Date.now();
    const notes = [];
    const outcome = await phase.run(seconds * 1000, (note) => notes.push(note));
    if (heapSnapshots && phase.name === 'steady') await snapshotHeaps(instances, 'after-warm-up');
    const callsAfter = await control('GET', '/__sim/calls');
    phaseRecords.push({
      name: phase.name,
      what: phase.what,
      startedAt: new Date(startedAt).toISOString(),
      seconds: (Date.now() - startedAt) / 1000,
      vendorCalls: sumCalls(callsAfter) - sumCalls(callsBefore),
      notes,
      ...outcome,
    });
  }
  clearInterval(changer);
  clearInterval(sampler);
  load.send({ type: 'stop' });
  const results = await loadResults;

  // Drain: every change made should reach the feed, and every event every receiver.
  log('waiting for the feed, the webhook and the streams to catch up');
  let feed = [];
  const receivers = () => ({
    webhook: receiver.received,
    ...Object.fromEntries(Object.entries(verifiers).map(([name, v]) => [name, v.ids])),
  });
  const drainDeadline = Date.now() + (quick ? 90_000 : 300_000);
  const drainStarted = Date.now();
  for (;;) {
    feed = await readFeed(origins[0], apiKey);
    const audit = auditEvents(expected, feed, receivers());
    if (eventsHeld(audit) || Date.now() > drainDeadline) break;
    await sleep(2000);
  }
  const drainSeconds = (Date.now() - drainStarted) / 1000;
  const deliveries = await get(origins[0], '/v1/changes/deliveries');
  const audit = auditEvents(expected, feed, receivers());
  for (const verifier of Object.values(verifiers)) verifier.aborter.abort();
  await Promise.allSettled(Object.values(verifiers).map((v) => v.done));

  writeFileSync(
    join(logDir, 'events.json'),
    `${JSON.stringify({ expected, feed: feed.map(({ id, type, key, occurredAt }) => ({ id, type, key, occurredAt })), webhook: receiver.events, phases: phaseRecords.map(({ name, startedAt }) => ({ name, startedAt })) }, null, 1)}\n`,
  );
  const endRss = { a: rssMb(instances.a.child.pid), b: rssMb(instances.b.child.pid) };
  if (heapSnapshots) {
    await snapshotHeaps(instances, 'at-end');
    for (const name of Object.keys(instances)) {
      const file = (label) => join(logDir, `heap-${name}-${label}.heapsnapshot`);
      if (snapshotPids[name]?.size !== 1) {
        log(`heap of ${name}: not compared (the process was restarted in between)`);
        continue;
      }
      const before = summarise(file('after-warm-up'));
      const after = summarise(file('at-end'));
      log(
        `heap of ${name}, reachable: ${(before.total / 1e6).toFixed(1)} MB after warm-up, ${(after.total / 1e6).toFixed(1)} MB at the end; grew most:`,
      );
      for (const row of growth(before, after, 10))
        log(
          `  ${(row.bytes / 1e6).toFixed(2).padStart(7)} MB ${String(row.count).padStart(8)} objects  ${row.name}`,
        );
    }
  }
  log('stopping');
  await stopChild(load);
  for (const instance of Object.values(instances)) await stopChild(instance.child);
  await stopChild(sim);
  await gate.close();
  await receiver.stop();
  await stopChild(redis);

  const report = writeSoakReport({
    outDir,
    settings,
    phases: phaseRecords,
    load: results,
    memory,
    endRss,
    audit,
    streamErrors: Object.fromEntries(
      Object.entries(verifiers).map(([name, v]) => [name, v.ids.error ?? null]),
    ),
    badSignatures: receiver.badSignatures,
    changeErrors,
    deliveries: deliveries.data,
    drainSeconds,
  });
  log(`written ${join(outDir, 'soak.md')}`);
  for (const line of report.verdict) log(line);
  process.exitCode = report.passed ? 0 : 1;
}

/** Which process each snapshot of an instance came from: a comparison across a restart means nothing. */
const snapshotPids = {};

/**
 * Writes each live instance's heap (SIGWINCH, `--heapsnapshot-signal`: Nest's shutdown hooks take SIGUSR2) to
 * reports/soak/heap-<name>-<label>.heapsnapshot.
 */
async function snapshotHeaps(instances, label) {
  for (const [name, { child }] of Object.entries(instances)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const written = (file) => file.endsWith('.heapsnapshot') && file.includes(`.${child.pid}.`);
    const old = new Set(readdirSync(logDir).filter(written));
    child.kill('SIGWINCH');
    let file;
    for (let size = -1; ; await sleep(1000)) {
      file ??= readdirSync(logDir).find((f) => written(f) && !old.has(f));
      if (!file) continue;
      const now = statSync(join(logDir, file)).size;
      if (now > 0 && now === size) break;
      size = now;
    }
    renameSync(join(logDir, file), join(logDir, `heap-${name}-${label}.heapsnapshot`));
    (snapshotPids[name] ??= new Set()).add(child.pid);
    log(`heap of ${name} written (${label})`);
  }
}

function sumCalls(calls) {
  return Object.values(calls).reduce((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
}

async function readFeed(origin, apiKey) {
  const events = [];
  let after;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(after ? { after } : {}) });
    const response = await fetch(`${origin}/v1/changes?${query}`, { headers: { 'x-api-key': apiKey } });
    if (!response.ok) throw new Error(`GET /v1/changes: ${response.status} ${await response.text()}`);
    const page = await response.json();
    events.push(...page.data);
    if (page.data.length === 0 || page.meta.next === null) return events;
    after = page.meta.next;
  }
}

async function heapUsedMb(origin) {
  try {
    const text = await (await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_size_used_bytes '));
    return line ? Math.round(Number(line.split(' ')[1]) / 104857.6) / 10 : null;
  } catch {
    return null;
  }
}

async function metricValue(origins, series) {
  let total = 0;
  for (const origin of origins) {
    const text = await (await fetch(`${origin}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    total += line ? Number(line.split(' ')[1]) : 0;
  }
  return total;
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * What the load asks for, by weight: lists with filters and paging, records, the tree, CSV, revalidations,
 * bad requests.
 */
function loadTargets(staffCodes, accountIds, labelIds) {
  const json = (path, weight, extra = {}) => ({ path, weight, ...extra });
  return [
    ...[0, 50, 100, 150, 200].map((offset) =>
      json(`/v1/operator-accounts?kind=wechat&limit=50&offset=${offset}`, 3),
    ),
    json('/v1/staff?status=active&limit=100', 4),
    json('/v1/staff?limit=100&offset=100', 2),
    json('/v1/labels?limit=200', 3),
    json('/v1/ad-groups?limit=50', 2),
    json('/v1/custom-attributes', 1),
    json('/v1/label-categories', 1),
    json('/v1/staff-assignments?limit=100', 1),
    ...staffCodes.map((code) => json(`/v1/staff/${encodeURIComponent(code)}`, 1)),
    ...accountIds.map((id) => json(`/v1/operator-accounts/${id}`, 1)),
    ...labelIds.map((id) => json(`/v1/labels/${id}`, 1)),
    json('/v1/label-tree', 3),
    json('/v1/staff?limit=100&format=csv', 2),
    json('/v1/operator-accounts?kind=wecom&limit=100', 1, { headers: { accept: 'text/csv' } }),
    json('/v1/staff?status=active&limit=100', 4, { revalidate: true }),
    json('/v1/label-tree', 2, { revalidate: true }),
    json('/v1/staff?limit=abc', 1, { expect: 400 }),
    json('/v1/operator-accounts?kind=nope', 1, { expect: 400 }),
  ];
}

/**
 * The n-th change: renames, additions and removals of staff, and label renames, each on a record of its own.
 */
function nextChange(n, pool) {
  const kind = ['rename-staff', 'add-staff', 'rename-label', 'remove-staff'][n % 4];
  if (kind === 'add-staff') {
    const code = `soak${++pool.added}`;
    return {
      request: {
        endpoint: 'staff',
        op: 'add',
        record: {
          ad_staff_code: code,
          ad_staff_name: `新员工${pool.added}`,
          ad_staff_state: 0,
          ad_self_user: null,
        },
      },
      expect: { resource: 'staff', key: code, type: 'staff.created' },
    };
  }
  if (kind === 'rename-label') {
    const id = pool.labels.shift();
    if (id === undefined) return undefined;
    return {
      request: { endpoint: 'wecahtlabel', op: 'update', key: id, set: { ad_label_info_name: `新标签${n}` } },
      expect: { resource: 'labels', key: String(id), type: 'labels.updated' },
    };
  }
  const code = pool.staff.shift();
  if (code === undefined) return undefined;
  return kind === 'rename-staff'
    ? {
        request: { endpoint: 'staff', op: 'update', key: code, set: { ad_staff_name: `改名${n}` } },
        expect: { resource: 'staff', key: code, type: 'staff.updated' },
      }
    : {
        request: { endpoint: 'staff', op: 'remove', key: code },
        expect: { resource: 'staff', key: code, type: 'staff.deleted' },
      };
}

/** The chaos schedule: each phase starts its fault, holds it for its time, and ends it. */
function chaosSchedule(ctx) {
  const fault = (what, spec) => ({
    what,
    async run(ms) {
      await ctx.control('POST', '/__sim/faults', spec);
      await sleep(ms);
      await ctx.control('DELETE', '/__sim/faults');
    },
  });
  return [
    { name: 'steady', what: 'no fault (warm-up)', run: (ms) => sleep(ms) },
    { name: 'vendor-slow', ...fault('every vendor answer takes 2 s', { latencyMs: 2000 }) },
    { name: 'vendor-hangs', ...fault('the vendor never answers', { hang: true }) },
    {
      name: 'vendor-html',
      ...fault("the vendor answers ASP.NET's HTML error page (HTTP 500)", { html: true }),
    },
    {
      name: 'vendor-down',
      what: 'nothing listens at the vendor address (connections refused, open ones cut)',
      async run(ms) {
        await ctx.gate.down();
        await sleep(ms);
        await ctx.gate.up();
      },
    },
    {
      name: 'tokens-revoked',
      what: 'every token revoked or expired, once a second',
      async run(ms) {
        const end = Date.now() + ms;
        for (let i = 0; Date.now() < end; i++) {
          await ctx.control('POST', i % 2 ? '/__sim/tokens/expire' : '/__sim/tokens/revoke');
          await sleep(Math.min(1000, Math.max(0, end - Date.now())));
        }
      },
    },
    {
      name: 'vendor-envelopes',
      what: 'failure envelopes: errmsg 200011 (server error), then 200012 (bad parameter)',
      async run(ms) {
        await ctx.control('POST', '/__sim/faults', { errmsg: 200011 });
        await sleep(ms / 2);
        await ctx.control('DELETE', '/__sim/faults');
        await ctx.control('POST', '/__sim/faults', { errmsg: 200012 });
        await sleep(ms / 2);
        await ctx.control('DELETE', '/__sim/faults');
      },
    },
    {
      name: 'redis-restart',
      what: 'Redis stopped; restarted empty halfway through',
      async run(ms) {
        await stopChild(ctx.getRedis());
        await sleep(ms / 2);
        ctx.setRedis(await startRedis(ctx.redisPort));
        await sleep(ms / 2);
      },
    },
    {
      name: 'instance-killed',
      what: 'the instance that detects changes killed (SIGKILL); restarted after a third of the phase',
      async run(ms, note) {
        const started = Date.now();
        const leader = await findLeader(ctx.instances);
        note(`killed facade ${leader.name} (the detecting instance)`);
        ctx.load.send({ type: 'down', origin: leader.origin });
        await stopChild(leader.child, 'SIGKILL');
        await sleep(ms / 3);
        await ctx.startInstance(leader.name);
        ctx.load.send({ type: 'up', origin: leader.origin });
        note(`facade ${leader.name} back after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await sleep(Math.max(0, ms - (Date.now() - started)));
        return { killed: leader.name, restartedAt: started + ms / 3 };
      },
    },
    {
      name: 'webhook-down',
      what: 'the webhook receiver down',
      async run(ms) {
        await ctx.receiver.stop();
        await sleep(ms);
        await ctx.receiver.start();
      },
    },
    { name: 'recovery', what: 'no fault', run: (ms) => sleep(ms) },
  ];
}

async function findLeader(instances) {
  for (let i = 0; i < 50; i++) {
    for (const instance of Object.values(instances)) {
      const text = await (await fetch(`${instance.origin}/metrics`)).text();
      if (/^facade_changes_leader 1$/m.test(text)) return instance;
    }
    await sleep(200);
  }
  throw new Error('no instance holds the change-feed lease');
}

main().catch(async (error) => {
  log(`failed: ${error.stack ?? error}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
