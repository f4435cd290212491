import { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

/** Every bad variable at once, each problem starting with the variable's name. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A rule between variables, read from the environment as given: its problems, each naming a variable. */
export type EnvRule = (env: Env) => string[];

/**
 * Reads `env` through `schema` and `rules`, or throws a ConfigError naming each bad variable. The rules
 * are not refinements of the schema so that they run, and are reported, beside any bad value.
 */
export function readEnv<S extends z.ZodType>(
  schema: S,
  env: Env,
  rules: readonly EnvRule[] = [],
): z.output<S> {
  const read = schema.safeParse(env);
  const problems = [
    ...(read.success ? [] : read.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`)),
    ...rules.flatMap((rule) => rule(env)),
  ];
  if (problems.length > 0 || !read.success) throw new ConfigError(inSchemaOrder(schema, problems));
  return read.data;
}

/** Problems in the order of the schema's variables (the README's), each variable's in the order found. */
function inSchemaOrder(schema: z.ZodType, problems: string[]): string[] {
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const rank = (problem: string) => {
    const at = names.indexOf(problem.split(' ', 1)[0]);
    return at < 0 ? names.length : at;
  };
  return problems
    .map((problem, i) => ({ problem, i }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.i - b.i)
    .map(({ problem }) => problem);
}

/** Whether a variable holds anything but blanks and commas. */
export const isSet = (env: Env, name: string): boolean => /[^\s,]/.test(env[name] ?? '');

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

/** A URL's user, password and query may be secrets: they are masked where a bad URL is quoted. */
const maskedUrl = (issue: { input?: unknown }) =>
  got(
    {
      input: String(issue.input)
        .replace(/\/\/[^/?#\s]*@/, '//***@')
        .replace(/\?.*$/s, '?***'),
    },
    80,
  );

export const httpUrl = (message: string) =>
  z.url({ protocol: /^https?$/, error: (issue) => `${message} ${maskedUrl(issue)}` });

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

/** "NAME is required when …" for each of `names` that is not set. */
export function requiredWhen(env: Env, names: readonly string[], when: string): string[] {
  return names.filter((name) => !isSet(env, name)).map((name) => `${name} is required when ${when}`);
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

/** A vendor URL needs the AppId and appkey. */
export const upstreamRules: readonly EnvRule[] = [
  (env) =>
    isSet(env, 'UPSTREAM_BASE_URL')
      ? requiredWhen(env, ['UPSTREAM_APP_ID', 'UPSTREAM_APP_KEY'], 'UPSTREAM_BASE_URL is set')
      : [],
];

export const upstreamEnv = z.object(upstreamVariables);
