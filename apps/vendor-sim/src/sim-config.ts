import {
  DEFAULT_SYNTHETIC_SEED,
  DEFAULT_TOKEN_TTL_SECONDS,
  FaultValidationError,
  MAX_CLOCK_OFFSET_SECONDS,
  parseFault,
  type DatasetName,
  type SimFault,
} from '@youmi-facade/vendor-sim';

export const DEMO_APP_ID = 'demo-app';
export const DEMO_APP_KEY = 'demo-secret';
export const DEFAULT_PORT = 3100;
/** 50 = 500,000 operator accounts, about 400 MB of JSON: beyond that a start would just exhaust memory. */
export const MAX_SCALE = 50;

export interface SimConfig {
  port: number;
  host: string;
  appId: string;
  appKey: string;
  dataset: DatasetName;
  scale: number;
  seed: number;
  tokenTtlSeconds: number;
  latencyMs: number;
  /** How far the simulator's clock is from the host's, in seconds (+ ahead). */
  clockOffsetSeconds: number;
  faults: SimFault[];
  /** True when SIM_APP_KEY was not set, so printing the key gives nothing away. */
  demoCredentials: boolean;
}

export class SimConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`invalid ${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** An empty variable counts as unset, as it does for most shells' `VAR= cmd`. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new SimConfigError(name, `"${raw}" is not an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

/** Reads and validates every variable; throws SimConfigError naming the first bad one. */
export function parseSimConfig(env: Env): SimConfig {
  const port = integer(env, 'PORT', DEFAULT_PORT, 0, 65535);
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const appKey = read(env, 'SIM_APP_KEY');
  const dataset = read(env, 'SIM_DATASET') ?? 'seed';
  if (dataset !== 'seed' && dataset !== 'synthetic')
    throw new SimConfigError('SIM_DATASET', `"${dataset}" is not one of seed, synthetic`);
  const rawScale = read(env, 'SIM_SCALE');
  const scale = rawScale === undefined ? 1 : Number(rawScale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new SimConfigError(
      'SIM_SCALE',
      `"${rawScale}" is not a number greater than 0 and at most ${MAX_SCALE}`,
    );
  }
  const seed = integer(env, 'SIM_SEED', DEFAULT_SYNTHETIC_SEED, 0, 4294967295);
  const tokenTtlSeconds = integer(
    env,
    'SIM_TOKEN_TTL_SECONDS',
    DEFAULT_TOKEN_TTL_SECONDS,
    1,
    10 * 365 * 24 * 3600,
  );
  const latencyMs = integer(env, 'SIM_LATENCY_MS', 0, 0, 600_000);
  const rawOffset = read(env, 'SIM_CLOCK_OFFSET_SECONDS');
  const maxOffset = MAX_CLOCK_OFFSET_SECONDS;
  if (
    rawOffset !== undefined &&
    (!/^[-+]?\d{1,9}$/.test(rawOffset) || Math.abs(Number(rawOffset)) > maxOffset)
  ) {
    throw new SimConfigError(
      'SIM_CLOCK_OFFSET_SECONDS',
      `"${rawOffset}" is not an integer from -${maxOffset} to ${maxOffset}`,
    );
  }
  return {
    port,
    host,
    appId: read(env, 'SIM_APP_ID') ?? DEMO_APP_ID,
    appKey: appKey ?? DEMO_APP_KEY,
    dataset,
    scale,
    seed,
    tokenTtlSeconds,
    latencyMs,
    clockOffsetSeconds: rawOffset === undefined ? 0 : Number(rawOffset),
    faults: parseFaults(read(env, 'SIM_FAULTS')),
    demoCredentials: appKey === undefined,
  };
}

function parseFaults(raw: string | undefined): SimFault[] {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SimConfigError('SIM_FAULTS', 'not valid JSON (expected an array of fault objects)');
  }
  if (!Array.isArray(parsed))
    throw new SimConfigError('SIM_FAULTS', 'expected a JSON array of fault objects');
  return parsed.map((fault, index) => {
    try {
      return parseFault(fault);
    } catch (error) {
      if (error instanceof FaultValidationError)
        throw new SimConfigError('SIM_FAULTS', `fault ${index}: ${error.message}`);
      throw error;
    }
  });
}
