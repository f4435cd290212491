import {
  DEFAULT_SYNTHETIC_SEED,
  DEFAULT_TOKEN_TTL_SECONDS,
  FaultValidationError,
  MAX_CLOCK_OFFSET_SECONDS,
  parseFault,
  type DatasetName,
  type SimFault,
} from '@youmi-facade/vendor-sim';
import { integer, oneOf, readEnv, text, textOr, type Env } from '@youmi-facade/config';
import { z } from 'zod';

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

const got = (issue: { input?: unknown }) => `(got "${String(issue.input).slice(0, 40)}")`;

const scaleError = (issue: { input?: unknown }) =>
  `must be a number greater than 0 and at most ${MAX_SCALE} ${got(issue)}`;
const offsetError = (issue: { input?: unknown }) =>
  `must be an integer from -${MAX_CLOCK_OFFSET_SECONDS} to ${MAX_CLOCK_OFFSET_SECONDS} ${got(issue)}`;

/** The simulator's variables, in the README's order. */
const simEnv = z.object({
  PORT: integer(DEFAULT_PORT, 0, 65535),
  HOST: textOr('127.0.0.1'),
  SIM_APP_ID: textOr(DEMO_APP_ID),
  SIM_APP_KEY: text(),
  SIM_DATASET: oneOf(['seed', 'synthetic'], 'seed'),
  SIM_SCALE: text().pipe(
    z
      .string()
      .regex(/^\d*\.?\d+$/, { error: scaleError })
      .transform(Number)
      .pipe(z.number().gt(0, { error: scaleError }).max(MAX_SCALE, { error: scaleError }))
      .default(1),
  ),
  SIM_SEED: integer(DEFAULT_SYNTHETIC_SEED, 0, 4294967295),
  SIM_TOKEN_TTL_SECONDS: integer(DEFAULT_TOKEN_TTL_SECONDS, 1, 10 * 365 * 24 * 3600),
  SIM_LATENCY_MS: integer(0, 0, 600_000),
  SIM_CLOCK_OFFSET_SECONDS: text().pipe(
    z
      .string()
      .regex(/^[-+]?\d{1,9}$/, { error: offsetError })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(-MAX_CLOCK_OFFSET_SECONDS, { error: offsetError })
          .max(MAX_CLOCK_OFFSET_SECONDS, { error: offsetError }),
      )
      .default(0),
  ),
  SIM_FAULTS: text().transform((raw, context): SimFault[] => {
    if (raw === undefined) return [];
    const problem = (message: string) => {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return problem('must be valid JSON: an array of fault objects');
    }
    if (!Array.isArray(parsed)) return problem('must be a JSON array of fault objects');
    const faults: SimFault[] = [];
    for (const [index, fault] of parsed.entries()) {
      try {
        faults.push(parseFault(fault));
      } catch (error) {
        if (!(error instanceof FaultValidationError)) throw error;
        return problem(`must hold only valid faults (fault ${index}: ${error.message})`);
      }
    }
    return faults;
  }),
});

/** Reads and validates every variable; throws a ConfigError naming each bad one. */
export function parseSimConfig(env: Env): SimConfig {
  const read = readEnv(simEnv, env);
  return {
    port: read.PORT,
    host: read.HOST,
    appId: read.SIM_APP_ID,
    appKey: read.SIM_APP_KEY ?? DEMO_APP_KEY,
    dataset: read.SIM_DATASET,
    scale: read.SIM_SCALE,
    seed: read.SIM_SEED,
    tokenTtlSeconds: read.SIM_TOKEN_TTL_SECONDS,
    latencyMs: read.SIM_LATENCY_MS,
    clockOffsetSeconds: read.SIM_CLOCK_OFFSET_SECONDS,
    faults: read.SIM_FAULTS,
    demoCredentials: read.SIM_APP_KEY === undefined,
  };
}
