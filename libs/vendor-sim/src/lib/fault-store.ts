import { VENDOR_ENDPOINTS, type VendorEndpointPath } from '@youmi-facade/vendor-client/wire';

export const TOKEN_PATH = 'GetAccessToken' satisfies VendorEndpointPath;

export const VENDOR_PATHS: readonly VendorEndpointPath[] = [
  TOKEN_PATH,
  ...Object.values(VENDOR_ENDPOINTS).map((endpoint) => endpoint.path),
];

/** A misbehaviour to inject; see the README for how the fields combine. */
export interface SimFault {
  endpoint?: string;
  latencyMs?: number;
  errmsg?: number;
  errdesc?: string;
  html?: boolean;
  status?: number;
  hang?: boolean;
  drop?: boolean;
  truncate?: boolean;
  times?: number;
}

export interface ActiveFault extends SimFault {
  id: string;
}

export type FaultAction = 'none' | 'envelope' | 'html' | 'hang' | 'drop' | 'truncate';

export class FaultValidationError extends Error {}

const MAX_LATENCY_MS = 600_000;
const FIELDS = new Set([
  'endpoint',
  'latencyMs',
  'errmsg',
  'errdesc',
  'html',
  'status',
  'hang',
  'drop',
  'truncate',
  'times',
]);

/** Validates untrusted input strictly, so a typo in a test's fault fails loudly instead of doing nothing. */
export function parseFault(input: unknown): SimFault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultValidationError('a fault must be a JSON object');
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key))
      throw new FaultValidationError(`unknown field "${key}" (known: ${[...FIELDS].join(', ')})`);
  }
  const fault: SimFault = {};
  if (raw['endpoint'] !== undefined) {
    const endpoint = raw['endpoint'];
    if (typeof endpoint !== 'string') throw new FaultValidationError('"endpoint" must be a string');
    const path = endpoint.replace(/^\/+/, '');
    if (!(VENDOR_PATHS as readonly string[]).includes(path)) {
      throw new FaultValidationError(
        `"endpoint" must be one of ${VENDOR_PATHS.join(', ')} (case-sensitive), got "${endpoint}"`,
      );
    }
    fault.endpoint = path;
  }
  const latencyMs = optionalNumber(raw, 'latencyMs', 0, MAX_LATENCY_MS, false);
  if (latencyMs !== undefined) fault.latencyMs = latencyMs;
  const errmsg = optionalNumber(raw, 'errmsg', -2147483648, 2147483647, true);
  if (errmsg !== undefined) fault.errmsg = errmsg;
  if (raw['errdesc'] !== undefined) {
    if (typeof raw['errdesc'] !== 'string') throw new FaultValidationError('"errdesc" must be a string');
    if (errmsg === undefined) throw new FaultValidationError('"errdesc" needs "errmsg"');
    fault.errdesc = raw['errdesc'];
  }
  for (const flag of ['html', 'hang', 'drop', 'truncate'] as const) {
    const value = raw[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new FaultValidationError(`"${flag}" must be a boolean`);
    fault[flag] = value;
  }
  const status = optionalNumber(raw, 'status', 200, 599, true);
  if (status !== undefined) fault.status = status;
  const times = optionalNumber(raw, 'times', 1, Number.MAX_SAFE_INTEGER, true);
  if (times !== undefined) fault.times = times;

  const answers = [fault.errmsg !== undefined, fault.html, fault.hang, fault.drop, fault.truncate].filter(
    Boolean,
  ).length;
  if (answers > 1)
    throw new FaultValidationError('choose at most one of "errmsg", "html", "hang", "drop", "truncate"');
  if (status !== undefined && (fault.hang || fault.drop)) {
    throw new FaultValidationError('"status" cannot be combined with "hang" or "drop" (nothing is answered)');
  }
  if (answers === 0 && status === undefined && latencyMs === undefined) {
    throw new FaultValidationError(
      'a fault needs at least one of "latencyMs", "errmsg", "html", "status", "hang", "drop", "truncate"',
    );
  }
  return fault;
}

function optionalNumber(
  raw: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    throw new FaultValidationError(
      `"${key}" must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
    );
  }
  return value;
}

/** What the simulator does with a request a fault matched. A bare `status` answers an HTML error page. */
export function faultAction(fault: SimFault): FaultAction {
  if (fault.drop) return 'drop';
  if (fault.hang) return 'hang';
  if (fault.truncate) return 'truncate';
  if (fault.errmsg !== undefined) return 'envelope';
  if (fault.html || fault.status !== undefined) return 'html';
  return 'none';
}

/** Active faults, oldest first; the oldest one matching a request is the one applied. */
export class FaultStore {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(fault: SimFault): string {
    const id = `f${this.nextId++}`;
    this.faults.push({ id, ...fault });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Finds the fault for one request and consumes one of its `times`. */
  take(path: string): SimFault | undefined {
    if (this.faults.length === 0) return undefined;
    const index = this.faults.findIndex((fault) => fault.endpoint === undefined || fault.endpoint === path);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    const applied: SimFault = { ...fault };
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
    }
    return applied;
  }
}
