import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';

// Every operation of the live OpenAPI document is called — its enum and sort values, CSV, 304, the
// client and vendor errors — and each answer is validated against the document with a JSON Schema
// validator: status, media type, body, and every header the facade manages.

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Json & { enum?: string[] };
}
interface Response {
  content?: Record<string, { schema: Json }>;
  headers?: Record<string, Json>;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, Response | { $ref: string }>;
}

const KEY = 'conformance-key';
/** Headers the facade sets itself: each must be declared wherever it is answered. */
const MANAGED_HEADERS = [
  'x-request-id',
  'etag',
  'cache-control',
  'vary',
  'x-cache',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'x-total-count',
  'content-disposition',
  'www-authenticate',
  'allow',
];
const EXAMPLE_PATH_VALUES: Record<string, string> = { '{id}': '', '{code}': 'b03' };
const IDS: Record<string, string> = {
  '/v1/operator-accounts/{id}': '135389',
  '/v1/label-categories/{id}': '189',
  '/v1/labels/{id}': '976',
  '/v1/ad-groups/{id}': '151',
  '/v1/custom-attributes/{id}': '15',
};

let sim: RunningSimulator;
let facade: RunningFacade;
let document: {
  paths: Record<string, { get?: Operation }>;
  components: Json & { responses: Record<string, Response>; headers: Record<string, Json> };
};
const bodies = new Ajv({ strict: false, allErrors: true });
const parameters = new Ajv({ strict: false, coerceTypes: true });
addFormats(bodies);
addFormats(parameters);

beforeAll(async () => {
  sim = await startSimulator();
  facade = await startFacade(sim, {
    FACADE_API_KEYS: KEY,
    CACHE_TTL_SECONDS: '0',
    CACHE_STALE_SECONDS: '0',
    // Long enough for a vendor call on a busy machine: a timed-out call would make /health/ready 503.
    UPSTREAM_TIMEOUT_MS: '2000',
  });
  document = (await facade.json<typeof document>('/docs/openapi.json')).body;
  bodies.addSchema(document, 'doc');
});
afterAll(async () => {
  await facade?.close();
  await sim?.stop();
});
beforeEach(() => sim.reset());

function resolved(response: Response | { $ref: string }): Response {
  return '$ref' in response
    ? document.components.responses[(response.$ref as string).split('/').pop() as string]
    : response;
}

function headerSchema(declared: Json): Json {
  const target = declared['$ref']
    ? document.components.headers[(declared['$ref'] as string).split('/').pop() as string]
    : declared;
  return target['schema'] as Json;
}

const validators = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = bodies.getSchema(`doc#${pointer}`) as ValidateFunction;
    validators.set(pointer, validate);
  }
  return validate;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The body; of an endless event stream, its first chunk. */
async function bodyOf(response: globalThis.Response): Promise<string> {
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response.text();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

/** Calls `url` and checks the answer against operation `path` of the document. */
async function conforms(path: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  const operation = document.paths[path].get as Operation;
  const query = new URL(url, 'http://x').searchParams;
  for (const [name, value] of query) {
    const parameter = operation.parameters?.find((p) => p.in === 'query' && p.name === name);
    if (parameter && !parameters.validate(parameter.schema, value))
      throw new Error(`${url}: ${name}=${value} is not admitted by the document's parameter`);
  }
  const response = await facade.get(url, headers);
  const declaredAs = operation.responses[String(response.status)];
  if (!declaredAs) throw new Error(`${url}: ${response.status} is not declared for GET ${path}`);
  const declared = resolved(declaredAs);
  const pointer =
    '$ref' in declaredAs
      ? `/components/responses/${(declaredAs.$ref as string).split('/').pop()}`
      : `/paths/${escape(path)}/get/responses/${response.status}`;
  for (const name of MANAGED_HEADERS) {
    const value = response.headers.get(name);
    if (value === null) continue;
    const entry = Object.entries(declared.headers ?? {}).find(
      ([declaredName]) => declaredName.toLowerCase() === name,
    );
    if (!entry)
      throw new Error(`${url}: header ${name} is answered with ${response.status} but not declared`);
    if (!parameters.validate(headerSchema(entry[1]), value))
      throw new Error(`${url}: header ${name}: ${value} does not fit its schema`);
  }
  const text = await bodyOf(response);
  if (response.status === 304) {
    expect(text).toBe('');
    return response.status;
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  const content = declared.content?.[mediaType];
  if (!content) throw new Error(`${url}: ${mediaType} is not declared for ${response.status}`);
  const body = mediaType.endsWith('json') ? JSON.parse(text) : text;
  const validate = validatorAt(`${pointer}/content/${escape(mediaType)}/schema`);
  if (!validate(body))
    throw new Error(`${url}: the body does not fit the document: ${bodies.errorsText(validate.errors)}`);
  return response.status;
}

/** Every query this operation declares an enumeration for, one value at a time. */
function enumQueries(operation: Operation): string[] {
  return (operation.parameters ?? [])
    .filter((p) => p.in === 'query' && p.schema.enum)
    .flatMap((p) => (p.schema.enum as string[]).map((value) => `${p.name}=${encodeURIComponent(value)}`));
}

const getPaths = () => Object.entries(document.paths).filter(([, item]) => item.get);
const pathOf = (template: string) =>
  template.replace(/\{id\}|\{code\}/g, (name) =>
    name === '{id}' ? IDS[template] : EXAMPLE_PATH_VALUES[name],
  );
const auth = { 'x-api-key': KEY };

describe('every answer conforms to the OpenAPI document', () => {
  it('each operation, each enumerated value, CSV and 304', async () => {
    let calls = 0;
    for (const [template, item] of getPaths()) {
      const operation = item.get as Operation;
      const path = pathOf(template);
      const headers = template.startsWith('/v1/') ? auth : {};
      expect(await conforms(template, path, headers)).toBe(200);
      for (const query of enumQueries(operation))
        expect(await conforms(template, `${path}?${query}`, headers)).toBe(200);
      const ok = resolved(operation.responses['200']);
      if (ok.content?.['text/csv']) {
        expect(await conforms(template, `${path}?format=csv&limit=all`, headers)).toBe(200);
        expect(await conforms(template, path, { ...headers, accept: 'text/csv' })).toBe(200);
      }
      const repeated = await facade.get(path, headers);
      await bodyOf(repeated);
      const etag = repeated.headers.get('etag');
      // Metrics and the change feed's live stream are never the same twice: no ETag, no 304.
      if (template === '/v1/changes/stream') expect(etag).toBeNull();
      else if (template !== '/metrics')
        expect(await conforms(template, path, { ...headers, 'if-none-match': etag as string })).toBe(304);
      calls += 1;
    }
    expect(calls).toBe(22);
  });

  it('the live event stream declares what it answers: one optional Last-Event-ID, no ETag, X-Cache nor 304', async () => {
    const operation = document.paths['/v1/changes/stream'].get as Operation;
    expect(operation.parameters?.filter((p) => p.in === 'header')).toEqual([
      expect.objectContaining({ name: 'Last-Event-ID', required: false }),
    ]);
    expect(operation.responses['304']).toBeUndefined();
    const controller = new AbortController();
    const response = await fetch(`${facade.url}/v1/changes/stream`, {
      headers: auth,
      signal: controller.signal,
    });
    controller.abort();
    expect(response.status).toBe(200);
    const declared = Object.keys(resolved(operation.responses['200']).headers ?? {}).map((name) =>
      name.toLowerCase(),
    );
    expect(declared.sort()).toEqual(MANAGED_HEADERS.filter((name) => response.headers.has(name)).sort());
  });

  it('a query string of 20 KB is answered 431, which every operation declares', async () => {
    const undeclared = getPaths().filter(([, item]) => !(item.get as Operation).responses['431']);
    expect(undeclared.map(([template]) => template)).toEqual([]);
    const padding = 'a'.repeat(20_000);
    expect(await conforms('/v1/staff', `/v1/staff?pad=${padding}`, auth)).toBe(431);
    expect(await conforms('/health/live', `/health/live?pad=${padding}`)).toBe(431);
  });

  it('a synthetic dataset, with null regions and every placeholder, conforms too', async () => {
    const synthetic = await startSimulator({ env: { SIM_DATASET: 'synthetic', SIM_SCALE: '1' } });
    const original = facade;
    facade = await startFacade(synthetic, { FACADE_API_KEYS: KEY });
    try {
      const groups = (await facade.json<{ data: { region: unknown }[] }>('/v1/ad-groups?limit=200', auth))
        .body.data;
      expect(groups.some((group) => group.region === null)).toBe(true);
      for (const [template, item] of getPaths().filter(
        ([path]) => path.startsWith('/v1/') && !path.includes('{'),
      )) {
        const paged = (item.get as Operation).parameters?.some((p) => p.name === 'limit');
        expect(await conforms(template, paged ? `${template}?limit=200` : template, auth)).toBe(200);
      }
    } finally {
      await facade.close();
      facade = original;
      await synthetic.stop();
    }
  });

  it.each([
    ['/v1/staff', '/v1/staff?limit=0', 400],
    ['/v1/staff', '/v1/staff?offset=10000001', 400],
    ['/v1/staff', '/v1/staff?limit=all', 400],
    ['/v1/staff', '/v1/staff?bogus=1', 400],
    ['/v1/labels/{id}', '/v1/labels/0', 400],
    ['/v1/labels/{id}', '/v1/labels/424242', 404],
    ['/v1/staff/{code}', '/v1/staff/nobody', 404],
  ])('%s: %s answers %d as documented', async (template, url, status) => {
    // limit=all without CSV is refused: its parameter schema admits it, the answer is a documented 400.
    if (url.endsWith('limit=all')) {
      await expect(conforms(template, url, auth)).resolves.toBe(status);
      return;
    }
    const query = new URL(url, 'http://x').searchParams;
    const valid = [...query].every(([name, value]) => {
      const parameter = (document.paths[template].get as Operation).parameters?.find((p) => p.name === name);
      return parameter !== undefined && parameters.validate(parameter.schema, value);
    });
    if (status === 400 && query.size > 0) expect(valid).toBe(false);
    const response = await facade.get(url, auth);
    expect(response.status).toBe(status);
    const validate = validatorAt(
      `/components/responses/${status === 400 ? 'BadRequest' : 'NotFound'}/content/application~1problem+json/schema`,
    );
    expect(validate(await response.json())).toBe(true);
  });

  it('401 without a key, and every v1 operation declares it', async () => {
    for (const [template] of getPaths().filter(([path]) => path.startsWith('/v1/'))) {
      expect(await conforms(template, pathOf(template))).toBe(401);
    }
  });

  it('405 with Allow for a method the path does not take', async () => {
    const response = await fetch(`${facade.url}/v1/staff`, { method: 'POST', headers: auth });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(validatorAt('/components/schemas/ProblemDto')(await response.json())).toBe(true);
  });

  it.each([
    [{ endpoint: 'AdManage', errmsg: 200011 }, 502],
    [{ endpoint: 'AdManage', html: true, status: 500 }, 502],
    [{ endpoint: 'AdManage', drop: true }, 503],
    [{ endpoint: 'AdManage', hang: true }, 504],
  ])('vendor failure %j answers %d as documented', async (fault, status) => {
    await sim.addFault(fault);
    expect(await conforms('/v1/ad-groups', '/v1/ad-groups', auth)).toBe(status);
  });

  it('429 with Retry-After once the rate limit is reached', async () => {
    const limited = await startFacade(sim, { RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const original = facade;
      facade = limited;
      try {
        expect(await conforms('/v1/label-tree', '/v1/label-tree')).toBe(200);
        expect(await conforms('/v1/label-tree', '/v1/label-tree')).toBe(429);
      } finally {
        facade = original;
      }
    } finally {
      await limited.close();
    }
  });

  it('refuses an answer the document does not declare (the check itself can fail)', async () => {
    const operation = document.paths['/v1/label-tree'].get as Operation;
    const saved = operation.responses['304'];
    delete operation.responses['304'];
    try {
      const etag = (await facade.get('/v1/label-tree', auth)).headers.get('etag') as string;
      await expect(
        conforms('/v1/label-tree', '/v1/label-tree', { ...auth, 'if-none-match': etag }),
      ).rejects.toThrow(/304 is not declared/);
    } finally {
      operation.responses['304'] = saved;
    }
  });
});
