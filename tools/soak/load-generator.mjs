// The soak's load: a fixed request rate (an open model, so a slow answer does not slow the load down, as it
// would with a fixed number of connections), spread over both instances, every answer judged against the
// contract, plus event streams held open. Run by run-soak.mjs as a child process; the parent names the
// current phase and the instance it kills over IPC, and receives the figures per phase at the end.
//
// autocannon reports aggregates over a fixed set of connections; the soak needs each answer judged
// (status, X-Cache, problem body, whether a copy existed), hence its own loop on Node's fetch.
const config = JSON.parse(process.argv[2]);
const { origins, rate, apiKey, targets, streamsPerOrigin, timeoutMs } = config;
const MAX_IN_FLIGHT = 2000;
const SAMPLES_PER_PHASE = 20;

const auth = { 'x-api-key': apiKey };
const totalWeight = targets.reduce((sum, t) => sum + t.weight, 0);
const answered = new Set(); // URLs answered 2xx/304 at least once: from then on a copy exists
const etags = new Map();
const downOrigins = new Set();
const phases = new Map();
let phase = 'start';
let inFlight = 0;
let sent = 0;
let stopping = false;
let turn = 0;

function stats(name) {
  let s = phases.get(name);
  if (!s) {
    s = {
      requests: 0,
      answered: 0,
      skipped: 0,
      statuses: {},
      xCache: {},
      latencies: [],
      disallowed: 0,
      disallowedByReason: {},
      samples: [],
      toKilledInstance: 0,
      startedAt: Date.now(),
      endedAt: Date.now(),
    };
    phases.set(name, s);
  }
  return s;
}

function pick() {
  let roll = Math.random() * totalWeight;
  for (const target of targets) {
    roll -= target.weight;
    if (roll < 0) return target;
  }
  return targets[targets.length - 1];
}

function disallow(s, reason, detail) {
  s.disallowed += 1;
  s.disallowedByReason[reason] = (s.disallowedByReason[reason] ?? 0) + 1;
  if (s.samples.length < SAMPLES_PER_PHASE) s.samples.push({ reason, ...detail });
}

async function once() {
  const target = pick();
  const origin = origins[turn++ % origins.length];
  const s = stats(phase);
  s.requests += 1;
  const headers = { ...auth, ...(target.headers ?? {}) };
  if (target.revalidate && etags.has(target.path)) headers['if-none-match'] = etags.get(target.path);
  const hadCopy = answered.has(target.path);
  const wasDown = downOrigins.has(origin);
  const started = performance.now();
  inFlight += 1;
  try {
    const response = await fetch(origin + target.path, { headers, signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    const latency = performance.now() - started;
    const status = response.status;
    s.answered += 1;
    s.latencies.push(Math.round(latency * 10) / 10);
    s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    const cache = response.headers.get('x-cache') ?? '-';
    s.xCache[cache] = (s.xCache[cache] ?? 0) + 1;
    const detail = { path: target.path, origin, status };
    if (status < 400) {
      answered.add(target.path);
      const etag = response.headers.get('etag');
      if (etag) etags.set(target.path, etag);
    }
    if (target.expect !== undefined && status !== target.expect)
      disallow(s, `expected ${target.expect}`, detail);
    if (status === 500) disallow(s, '500', detail);
    else if (status >= 500 && hadCopy) disallow(s, '5xx while a copy exists', detail);
    if (status >= 400 && !isProblem(response, body, status))
      disallow(s, 'error body not a problem', { ...detail, body: body.slice(0, 200) });
  } catch (error) {
    if (wasDown || downOrigins.has(origin)) {
      s.toKilledInstance += 1;
    } else {
      const reason =
        error?.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'connection error';
      disallow(s, reason, {
        path: target.path,
        origin,
        error: String(error?.cause?.code ?? error?.message ?? error),
      });
    }
  } finally {
    inFlight -= 1;
  }
}

function isProblem(response, body, status) {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) return false;
  try {
    const problem = JSON.parse(body);
    return problem.status === status && typeof problem.type === 'string' && typeof problem.title === 'string';
  } catch {
    return false;
  }
}

// Streams held open for the whole run, as consumers of the change feed keep them; reopened when they end.
const streams = { opened: 0, reopened: 0, events: 0, refused: 0 };
const streamAborter = new AbortController();
async function holdStream(origin) {
  let first = true;
  while (!streamAborter.signal.aborted) {
    try {
      const response = await fetch(`${origin}/v1/changes/stream`, {
        headers: { ...auth, accept: 'text/event-stream' },
        signal: streamAborter.signal,
      });
      if (!response.ok || !response.body) {
        streams.refused += 1;
        await response.body?.cancel();
      } else {
        streams[first ? 'opened' : 'reopened'] += 1;
        first = false;
        const decoder = new TextDecoder();
        for await (const chunk of response.body)
          streams.events += (decoder.decode(chunk, { stream: true }).match(/^event: /gm) ?? []).length;
      }
    } catch {
      // Cut off (the instance died, or the run ends): open it again below.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  }
}

const streamRuns = origins.flatMap((origin) =>
  Array.from({ length: streamsPerOrigin }, () => holdStream(origin)),
);

const startedAt = performance.now();
const ticker = setInterval(() => {
  const due = Math.floor(((performance.now() - startedAt) / 1000) * rate) - sent;
  for (let i = 0; i < due; i++) {
    sent += 1;
    if (inFlight >= MAX_IN_FLIGHT) stats(phase).skipped += 1;
    else void once();
  }
}, 10);

process.on('message', async (message) => {
  if (message.type === 'phase') {
    stats(phase).endedAt = Date.now();
    phase = message.name;
    stats(phase);
  } else if (message.type === 'down') {
    downOrigins.add(message.origin);
  } else if (message.type === 'up') {
    downOrigins.delete(message.origin);
  } else if (message.type === 'stop' && !stopping) {
    stopping = true;
    clearInterval(ticker);
    stats(phase).endedAt = Date.now();
    const deadline = Date.now() + timeoutMs + 2000;
    while (inFlight > 0 && Date.now() < deadline)
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    streamAborter.abort();
    await Promise.allSettled(streamRuns);
    process.send({ type: 'results', phases: Object.fromEntries(phases), streams, unfinished: inFlight }, () =>
      process.exit(0),
    );
  }
});
