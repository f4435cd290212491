import { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

/** Every bad variable at once, each problem starting with the variable's name. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `env` through `schema`, or throws a ConfigError naming each bad variable. */
export function readEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const read = schema.safeParse(env);
  if (read.success) return read.data;
  throw new ConfigError(read.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`));
}

/** Quotes a bad value; only ever used for variables that hold no secret. */
const got = (issue: { input?: unknown }, max = 40) => `(got "${String(issue.input).slice(0, max)}")`;

/** A variable trimmed, blank read as unset. */
export const text = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value));

export const textOr = (fallback: string) => text().pipe(z.string().default(fallback));

export const integer = (fallback: number, min: number, max: number) => {
  const error = (issue: { input?: unknown }) => `must be an integer from ${min} to ${max} ${got(issue)}`;
  return text().pipe(
    z
      .string()
      .regex(/^\d+$/, { error })
      .transform(Number)
      .pipe(z.number().min(min, { error }).max(max, { error }))
      .default(fallback),
  );
};

export const flag = () =>
  text().pipe(
    z
      .stringbool({
        truthy: ['true', '1'],
        falsy: ['false', '0'],
        error: (issue) => `must be true or false ${got(issue)}`,
      })
      .default(false),
  );

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  text()
    .transform((value) => value?.toLowerCase())
    .pipe(
      z
        .enum(values, { error: (issue) => `must be one of ${values.join(', ')} ${got(issue)}` })
        .default(fallback),
    );

export const httpUrl = (message: string) =>
  z.url({ protocol: /^https?$/, error: (issue) => `${message} ${got(issue, 80)}` });

/** Comma-separated, blanks dropped. */
export const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item));

/** Adds "NAME is required when …" unless the variable is set. */
export function requireWhen(ctx: z.RefinementCtx, name: string, value: unknown, when: string): void {
  if (value === undefined)
    ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${when}` });
}

/** The vendor connection, read alike by the facade and the CLI. */
export const upstreamVariables = {
  /** Unset: the bundled simulator is used. */
  UPSTREAM_BASE_URL: text().pipe(
    httpUrl('must be an http(s) URL such as http://HOST:5001/publicapi/v1/').optional(),
  ),
  UPSTREAM_APP_ID: text(),
  UPSTREAM_APP_KEY: text(),
  UPSTREAM_TIMEOUT_MS: integer(5000, 1, 600_000),
};

export function requireCredentials(
  env: { UPSTREAM_BASE_URL?: string; UPSTREAM_APP_ID?: string; UPSTREAM_APP_KEY?: string },
  ctx: z.RefinementCtx,
): void {
  if (env.UPSTREAM_BASE_URL === undefined) return;
  requireWhen(ctx, 'UPSTREAM_APP_ID', env.UPSTREAM_APP_ID, 'UPSTREAM_BASE_URL is set');
  requireWhen(ctx, 'UPSTREAM_APP_KEY', env.UPSTREAM_APP_KEY, 'UPSTREAM_BASE_URL is set');
}

export const upstreamEnv = z.object(upstreamVariables).superRefine(requireCredentials);
