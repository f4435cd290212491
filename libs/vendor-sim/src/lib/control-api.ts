import type { CallCounter } from './call-counter';
import { FaultValidationError, parseFault, type FaultStore } from './fault-store';
import { controlAnswer, type SimAnswer } from './http-answer';
import { parseRecordChanges, RecordChangeError, type RecordStore } from './record-store';
import { MAX_CLOCK_OFFSET_SECONDS, type SimClock } from './sim-clock';
import type { TokenStore } from './token-store';
import type { SimCredentials } from './vendor-handler';

export const CONTROL_ROOT = '/__sim/';

export interface ControlState {
  faults: FaultStore;
  tokens: TokenStore;
  calls: CallCounter;
  clock: SimClock;
  credentials: SimCredentials;
  records: RecordStore;
  reset(): void;
}

type Handler = (body: Buffer) => SimAnswer;

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') throw new FaultValidationError('the body must be a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw new FaultValidationError('the body is not valid JSON');
  }
}

/** The `/__sim/*` API that tests use to steer the simulator; never subject to faults or latency. */
export function createControlApi(
  state: ControlState,
): (method: string, path: string, body: Buffer) => SimAnswer {
  const ok = () => controlAnswer(200, { ok: true });
  /** Runs `change` on the parsed JSON object body; a FaultValidationError is a 400 with its message. */
  const withObject = (body: Buffer, change: (fields: Record<string, unknown>) => unknown): SimAnswer => {
    try {
      const parsed = parseJson(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new FaultValidationError('the body must be a JSON object');
      return controlAnswer(200, change(parsed as Record<string, unknown>));
    } catch (error) {
      if (error instanceof FaultValidationError) return controlAnswer(400, { error: error.message });
      throw error;
    }
  };
  const clockState = () => ({
    offsetSeconds: state.clock.offsetSeconds,
    now: new Date(state.clock.now()).toISOString(),
  });
  const routes: Record<string, Record<string, Handler>> = {
    health: { GET: ok },
    faults: {
      GET: () => controlAnswer(200, { faults: state.faults.list() }),
      POST: (body) => {
        try {
          return controlAnswer(201, { id: state.faults.add(parseFault(parseJson(body))) });
        } catch (error) {
          if (error instanceof FaultValidationError) return controlAnswer(400, { error: error.message });
          throw error;
        }
      },
      DELETE: () => {
        state.faults.clear();
        return ok();
      },
    },
    clock: {
      GET: () => controlAnswer(200, clockState()),
      POST: (body) =>
        withObject(body, ({ offsetSeconds, ...rest }) => {
          if (Object.keys(rest).length > 0)
            throw new FaultValidationError(`unknown field ${Object.keys(rest)[0]}`);
          if (
            !Number.isInteger(offsetSeconds) ||
            Math.abs(offsetSeconds as number) > MAX_CLOCK_OFFSET_SECONDS
          ) {
            throw new FaultValidationError(
              `offsetSeconds must be an integer from -${MAX_CLOCK_OFFSET_SECONDS} to ${MAX_CLOCK_OFFSET_SECONDS}`,
            );
          }
          state.clock.offsetSeconds = offsetSeconds as number;
          return clockState();
        }),
    },
    credentials: {
      POST: (body) =>
        withObject(body, ({ appId, appKey, ...rest }) => {
          if (Object.keys(rest).length > 0)
            throw new FaultValidationError(`unknown field ${Object.keys(rest)[0]}`);
          for (const [name, value] of [
            ['appId', appId],
            ['appKey', appKey],
          ] as const) {
            if (value !== undefined && (typeof value !== 'string' || value.trim() === ''))
              throw new FaultValidationError(`${name} must be a non-empty string`);
          }
          if (typeof appId === 'string') state.credentials.appId = appId;
          if (typeof appKey === 'string') state.credentials.appKey = appKey;
          // The key itself is never answered: the control API may be reachable by more than the test.
          return { ok: true, appId: state.credentials.appId };
        }),
    },
    records: {
      POST: (body) => {
        try {
          const { changes, batch } = parseRecordChanges(parseJson(body));
          const results = state.records.apply(changes, batch);
          return controlAnswer(200, batch ? { ok: true, changes: results } : { ok: true, ...results[0] });
        } catch (error) {
          if (error instanceof FaultValidationError) return controlAnswer(400, { error: error.message });
          if (error instanceof RecordChangeError)
            return controlAnswer(error.status, { error: error.message });
          throw error;
        }
      },
    },
    'tokens/revoke': { POST: () => controlAnswer(200, { ok: true, tokens: state.tokens.revokeAll() }) },
    'tokens/expire': { POST: () => controlAnswer(200, { ok: true, tokens: state.tokens.expireAll() }) },
    calls: {
      GET: () => controlAnswer(200, state.calls.snapshot()),
      DELETE: () => {
        state.calls.reset();
        return ok();
      },
    },
    reset: {
      POST: () => {
        state.reset();
        return ok();
      },
    },
  };
  return (method, path, body) => {
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) return controlAnswer(404, { error: `no control route ${CONTROL_ROOT}${path}` });
    const handler = Object.hasOwn(route, method) ? route[method] : undefined;
    if (!handler)
      return {
        ...controlAnswer(405, { error: `${method} not allowed on ${CONTROL_ROOT}${path}` }),
        headers: { 'Content-Type': 'application/json; charset=utf-8', Allow: Object.keys(route).join(', ') },
      };
    return handler(body);
  };
}
