import type { CallCounter } from './call-counter';
import { FaultValidationError, parseFault, type FaultStore } from './fault-store';
import { controlAnswer, type SimAnswer } from './http-answer';
import type { TokenStore } from './token-store';

export const CONTROL_ROOT = '/__sim/';

export interface ControlState {
  faults: FaultStore;
  tokens: TokenStore;
  calls: CallCounter;
  reset(): void;
}

type Handler = (body: Buffer) => SimAnswer;

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') throw new FaultValidationError('the body must be a JSON fault object');
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
