import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallCounter } from './call-counter';
import { CONTROL_ROOT, createControlApi } from './control-api';
import { EndpointValues } from './endpoint-values';
import { faultAction, FaultStore, type SimFault } from './fault-store';
import {
  htmlErrorAnswer,
  methodNotAllowedAnswer,
  notFoundAnswer,
  truncateAnswer,
  writeAnswer,
  type SimAnswer,
} from './http-answer';
import { RecordStore } from './record-store';
import { createSeedDataset } from './seed-dataset';
import type { DatasetName, SimDataset } from './sim-dataset';
import { createSyntheticDataset } from './synthetic-dataset';
import { SimClock } from './sim-clock';
import { TokenStore } from './token-store';
import { VENDOR_ROUTES, VendorHandler, type SimCredentials } from './vendor-handler';

export const VENDOR_ROOT = '/publicapi/v1/';
export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
const MAX_BODY_BYTES = 1024 * 1024;

export interface SimulatorOptions {
  appId: string;
  appKey: string;
  /** `seed` (default), `synthetic`, or a dataset of your own. */
  dataset?: DatasetName | SimDataset;
  /** Size of the synthetic dataset (1 = 10,000 operator accounts). */
  scale?: number;
  /** PRNG seed of the synthetic dataset. */
  seed?: number;
  tokenTtlSeconds?: number;
  /** Added before every vendor answer. */
  latencyMs?: number;
  /** Faults active from the start. */
  faults?: readonly SimFault[];
  /** The clock, in epoch milliseconds; tests may move it. */
  now?: () => number;
  /** Shifts the simulator's clock (msgTime, token expiry, the 10-minute window) from `now`. */
  clockOffsetSeconds?: number;
}

export interface SimulatorAddress {
  host: string;
  port: number;
  /** e.g. `http://127.0.0.1:3100` */
  origin: string;
  /** e.g. `http://127.0.0.1:3100/publicapi/v1/` */
  baseUrl: string;
}

export interface Simulator {
  readonly server: Server;
  /** The AppId and appkey it accepts now (the control API may change them). */
  readonly credentials: SimCredentials;
  readonly appId: string;
  readonly appKey: string;
  /** The simulator's clock: `now` shifted by `offsetSeconds`. */
  readonly clock: SimClock;
  /** The dataset it started with, never changed. */
  readonly dataset: SimDataset;
  /** The records it serves now: the dataset with the control API's changes (`POST /__sim/records`). */
  readonly records: RecordStore;
  readonly faults: FaultStore;
  readonly tokens: TokenStore;
  readonly calls: CallCounter;
  /** Listens on `port` (0 = any free port) and `host` (default 127.0.0.1). */
  listen(port?: number, host?: string): Promise<SimulatorAddress>;
  /** Stops listening, drops every open connection (hanging ones too) and cancels pending answers. */
  close(): Promise<void>;
  /** Clears faults, call counts and tokens; restores the starting records, credentials and clock offset. */
  reset(): void;
}

/** Wildcard or IPv6 hosts as a URL a local client can use. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = new SimClock(options.now ?? Date.now, options.clockOffsetSeconds ?? 0);
  const now = clock.now;
  const credentials: SimCredentials = { appId: options.appId, appKey: options.appKey };
  const dataset =
    typeof options.dataset === 'object'
      ? options.dataset
      : options.dataset === 'synthetic'
        ? createSyntheticDataset({ scale: options.scale, seed: options.seed })
        : createSeedDataset();
  const faults = new FaultStore();
  for (const fault of options.faults ?? []) faults.add(fault);
  const tokens = new TokenStore(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, now);
  const calls = new CallCounter();
  const records = new RecordStore(dataset);
  const values = new EndpointValues(records);
  records.onChange((endpoint) => values.invalidate(endpoint));
  const handler = new VendorHandler(credentials, tokens, values, now);
  const baseLatency = options.latencyMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();

  const reset = () => {
    faults.clear();
    calls.reset();
    tokens.revokeAll();
    Object.assign(credentials, { appId: options.appId, appKey: options.appKey });
    clock.offsetSeconds = options.clockOffsetSeconds ?? 0;
    records.reset();
  };
  const control = createControlApi({ faults, tokens, calls, clock, credentials, records, reset });

  const answerSafely = (res: ServerResponse, produce: () => SimAnswer) => {
    let answer: SimAnswer;
    try {
      answer = produce();
    } catch (error) {
      process.stderr.write(
        `vendor-sim: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      answer = htmlErrorAnswer(500);
    }
    writeAnswer(res, answer);
  };

  const vendorCall = (
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
    query: string,
    body: Buffer,
  ) => {
    const fault = faults.take(path);
    const action = fault ? faultAction(fault) : 'none';
    const respond = () => {
      if (res.destroyed) return;
      switch (action) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'hang':
          // Nothing is ever written; close() destroys the socket.
          return;
        case 'html':
          writeAnswer(res, htmlErrorAnswer(fault?.status ?? 500));
          return;
        case 'envelope':
          writeAnswer(res, handler.fail(fault?.errmsg ?? 200011, fault?.errdesc, fault?.status));
          return;
        case 'truncate':
          answerSafely(res, () => {
            const whole = truncateAnswer(handler.handle({ path, query, headers: req.headers, body }));
            return fault?.status === undefined ? whole : { ...whole, status: fault.status };
          });
          return;
        default:
          answerSafely(res, () => handler.handle({ path, query, headers: req.headers, body }));
      }
    };
    const delay = baseLatency + (fault?.latencyMs ?? 0);
    if (delay <= 0) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, delay);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    // The seed writes `/Label`: a client joining it to the root may send `/publicapi/v1//Label`, which the
    // vendor's server folds as web servers do.
    const path = (mark < 0 ? url : url.slice(0, mark)).replace(/\/{2,}/g, '/');
    const query = mark < 0 ? '' : url.slice(mark + 1);
    const method = req.method ?? 'GET';

    if (path.startsWith(CONTROL_ROOT)) {
      void readBody(req).then((body) =>
        answerSafely(res, () => control(method, path.slice(CONTROL_ROOT.length), body ?? Buffer.alloc(0))),
      );
      return;
    }
    // Exact, case-sensitive paths: `/publicapi/v1/wechat` or `.../WeCaht/` is IIS's 404 page.
    const vendorPath = path.startsWith(VENDOR_ROOT) ? path.slice(VENDOR_ROOT.length) : undefined;
    const allowed = vendorPath === undefined ? undefined : VENDOR_ROUTES.get(vendorPath);
    if (vendorPath === undefined || allowed === undefined) {
      req.resume();
      writeAnswer(res, notFoundAnswer());
      return;
    }
    calls.count(vendorPath);
    if (method !== allowed) {
      req.resume();
      writeAnswer(res, methodNotAllowedAnswer(method, allowed));
      return;
    }
    void readBody(req).then((body) => {
      if (body === undefined) writeAnswer(res, handler.fail(200012, '请求体过大 (request body too large)'));
      else vendorCall(vendorPath, req, res, query, body);
    });
  });
  // Keep-alive sockets would otherwise hold close() open for the idle timeout.
  server.keepAliveTimeout = 5_000;

  return {
    server,
    credentials,
    get appId() {
      return credentials.appId;
    },
    get appKey() {
      return credentials.appKey;
    },
    clock,
    dataset,
    records,
    faults,
    tokens,
    calls,
    reset,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const origin = `http://${urlHost(host)}:${address.port}`;
          resolve({ host, port: address.port, origin, baseUrl: `${origin}${VENDOR_ROOT}` });
        });
      });
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
