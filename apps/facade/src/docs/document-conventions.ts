import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_LIMIT } from '../problem/validation-messages';

/*
 * What every operation of the API does beyond its own decorators, written into the document once: the
 * headers each answer carries, 304 on every GET but the event stream, 431 on every operation, the problem
 * answers as shared components, CSV as text, `limit=all` for CSV, nullable references that strict OpenAPI 3.0
 * validators accept, and the public operations' empty security. The repeated-request and conformance tests
 * hold the API to it.
 */

type Json = Record<string, unknown>;

interface Operation {
  tags?: string[];
  security?: Json[];
  parameters?: { name: string; in: string; schema?: Json; description?: string }[];
  responses: Record<string, Json & { content?: Record<string, { schema?: Json }>; headers?: Json }>;
}

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

/** Every header the API answers, each described once. */
const HEADERS = {
  XRequestId: header(
    "The request's id: the X-Request-Id the client sent (visible ASCII, up to 200 characters), else a new UUID. Every log line of the request carries it.",
  ),
  ETag: header(
    "A strong validator of the answer's bytes: send it in If-None-Match to be answered 304 while nothing changed.",
  ),
  CacheControl: header(
    '`private, no-cache` on API answers: a cache may keep them but must revalidate (If-None-Match) each time. `no-store` on problem answers and on metrics.',
  ),
  Vary: header(
    '`Accept, Authorization, X-API-Key`: the answer depends on the format asked for and on the key.',
  ),
  XCache: header(
    'HIT when the vendor was not called, MISS when it was, STALE when an expired copy was answered (the worst of the vendor calls behind the answer).',
    { type: 'string', enum: ['HIT', 'MISS', 'STALE'] },
  ),
  StreamCacheControl: header(
    '`private, no-cache, no-store, must-revalidate, max-age=0, no-transform`: an event stream is neither kept nor transformed by a cache or proxy.',
  ),
  RateLimitLimit: header(
    'Requests allowed per key (per client address without keys) in a one-minute window.',
    { type: 'integer' },
  ),
  RateLimitRemaining: header('Requests left in the current window.', { type: 'integer' }),
  RateLimitReset: header('Seconds until the current window ends.', { type: 'integer' }),
  RetryAfter: header('Seconds to wait before asking again.', { type: 'integer' }),
  XTotalCount: header(
    'CSV: the rows over all pages, so that a client knows whether this export holds every row.',
    { type: 'integer' },
  ),
  ContentDisposition: header('CSV: `attachment; filename="export.csv"`.'),
  WWWAuthenticate: header('`Bearer realm="youmi-facade"`.'),
};

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

const BASE = { 'X-Request-Id': ref('XRequestId') };
const PROBLEM = { ...BASE, 'Cache-Control': ref('CacheControl') };
const RATE = {
  'RateLimit-Limit': ref('RateLimitLimit'),
  'RateLimit-Remaining': ref('RateLimitRemaining'),
  'RateLimit-Reset': ref('RateLimitReset'),
};
const SERVED = { ETag: ref('ETag'), 'Cache-Control': ref('CacheControl') };
const API_SERVED = { ...SERVED, Vary: ref('Vary'), 'X-Cache': ref('XCache') };
const STREAM = { ...BASE, 'Cache-Control': ref('StreamCacheControl'), ...RATE };
const CSV = { 'X-Total-Count': ref('XTotalCount'), 'Content-Disposition': ref('ContentDisposition') };

/** The problem answers every `/v1` operation may give, by status, with the headers each carries. */
const PROBLEM_RESPONSES: Record<string, { name: string; headers: Json }> = {
  '400': { name: 'BadRequest', headers: { ...PROBLEM, ...RATE } },
  '401': { name: 'Unauthorized', headers: { ...PROBLEM, 'WWW-Authenticate': ref('WWWAuthenticate') } },
  '404': { name: 'NotFound', headers: { ...PROBLEM, ...RATE } },
  '429': { name: 'TooManyRequests', headers: { ...PROBLEM, ...RATE, 'Retry-After': ref('RetryAfter') } },
  '500': { name: 'InternalServerError', headers: PROBLEM },
  '502': { name: 'BadGateway', headers: { ...PROBLEM, ...RATE } },
  '503': { name: 'ServiceUnavailable', headers: { ...PROBLEM, ...RATE, 'Retry-After': ref('RetryAfter') } },
  '504': { name: 'GatewayTimeout', headers: { ...PROBLEM, ...RATE } },
};

/** Refused by the HTTP parser before routing, so possible on every operation, however little it reads. */
const REQUEST_TOO_LARGE = {
  description:
    'The request line and headers are larger than the server reads (a query string of several kilobytes, say). The connection is closed after it.',
  headers: PROBLEM,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
};

const INTERNAL_ERROR = {
  description:
    'The facade failed to answer; the request id identifies the failure in its logs. The body holds nothing internal.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
};

export function applyConventions(document: OpenAPIObject): OpenAPIObject {
  const components = document.components as Json & {
    responses?: Json;
    headers?: Json;
    schemas?: Record<string, Json>;
  };
  components.headers = { ...HEADERS };
  const responses: Json = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = (item as { get?: Operation }).get;
    if (!operation) continue;
    const api = path.startsWith('/v1/');
    const ok = operation.responses['200'];
    const csv = ok?.content?.['text/csv'];
    // An endless event stream has no validator, is never served from the cache, and never answers 304.
    const stream = ok?.content?.['text/event-stream'] !== undefined;
    if (ok && stream) ok.headers = STREAM;
    else if (ok) {
      ok.headers = { ...BASE, ...(api ? { ...API_SERVED, ...RATE } : SERVED), ...(csv ? CSV : {}) };
      if (csv)
        csv.schema = {
          type: 'string',
          description:
            'RFC 4180 CSV, UTF-8 with a BOM: a header row of dotted field names, then a row per item.',
        };
    }
    if (!stream) {
      operation.responses['304'] = {
        description: 'Not Modified: the If-None-Match sent holds the ETag of the current answer. No body.',
        headers: { ...BASE, ...(api ? { ...API_SERVED, ...RATE } : SERVED) },
      };
    }
    if (api) {
      operation.responses['500'] ??= INTERNAL_ERROR;
      for (const [status, { name, headers }] of Object.entries(PROBLEM_RESPONSES)) {
        const answer = operation.responses[status];
        if (!answer || '$ref' in answer) continue;
        responses[name] ??= { ...answer, headers };
        operation.responses[status] = { $ref: `#/components/responses/${name}` };
      }
      if (csv) allowLimitAll(operation);
    } else {
      // Operations' routes need no key (the access rule of the route).
      operation.security = [];
      for (const [status, answer] of Object.entries(operation.responses)) {
        // Their problems (a 503 when not ready) carry Cache-Control like every problem.
        if (status !== '200' && status !== '304' && !answer.headers) answer.headers = PROBLEM;
      }
    }
    operation.responses['431'] = { $ref: '#/components/responses/RequestTooLarge' };
  }
  components.responses = { ...responses, RequestTooLarge: REQUEST_TOO_LARGE };
  for (const schema of Object.values(components.schemas ?? {})) nullableReferences(schema);
  return document;
}

/** Lists that answer CSV also take `limit=all`, which only CSV accepts. */
function allowLimitAll(operation: Operation): void {
  const limit = operation.parameters?.find(
    (parameter) => parameter.in === 'query' && parameter.name === 'limit',
  );
  if (!limit?.schema) return;
  const { default: fallback, example } = limit.schema;
  limit.schema = {
    oneOf: [
      { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
      { type: 'string', enum: ['all'] },
    ],
    default: fallback,
    example,
  };
}

/**
 * A nullable reference as strict OpenAPI 3.0 validators read it: `nullable` only widens a `type` on the
 * same schema, so `{ nullable, allOf: [$ref] }` would refuse null. Null gets an alternative of its own.
 */
function nullableReferences(schema: Json): void {
  const properties = (schema['properties'] ?? {}) as Record<string, Json>;
  for (const [name, property] of Object.entries(properties)) {
    const all = property['allOf'] as Json[] | undefined;
    if (property['nullable'] !== true || all?.length !== 1 || !all[0]['$ref']) continue;
    properties[name] = {
      description: property['description'],
      anyOf: [all[0], { type: 'object', nullable: true, enum: [null], description: 'null' }],
    };
  }
}
