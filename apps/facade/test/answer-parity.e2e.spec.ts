import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';

// A repeated answer is written by the HTTP server's own handler, the first by Nest. Whichever writes it,
// a client sees the same status, bytes and headers: this walks every GET route of the API document.

const document = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8')) as {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
};

const EXAMPLE_PARAMETERS: Record<string, string> = { id: '', code: '' };
const EXAMPLES: Record<string, Record<string, string>> = {
  '/v1/operator-accounts/{id}': { id: '135389' },
  '/v1/staff/{code}': { code: 'b01' },
  '/v1/staff/{code}/operator-accounts': { code: 'b03' },
  '/v1/label-categories/{id}': { id: '189' },
  '/v1/labels/{id}': { id: '976' },
  '/v1/ad-groups/{id}': { id: '155' },
  '/v1/custom-attributes/{id}': { id: '15' },
};

interface Variant {
  name: string;
  path: string;
  headers: Record<string, string>;
}

function variants(): Variant[] {
  const found: Variant[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    const ok = operations.get?.responses['200'];
    if (!template.startsWith('/v1/') || !ok) continue;
    // An event stream never ends and is never repeated: nothing to compare.
    if (ok.content?.['text/event-stream']) continue;
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => EXAMPLES[template]?.[name] ?? EXAMPLE_PARAMETERS[name]);
    found.push({ name: `${template} JSON`, path, headers: {} });
    if (ok.content?.['text/csv']) {
      found.push({ name: `${template} ?format=csv`, path: `${path}?format=csv`, headers: {} });
      found.push({ name: `${template} Accept: text/csv`, path, headers: { accept: 'text/csv' } });
    }
  }
  return found;
}

// What legitimately differs between two answers of one resource, whoever writes them.
const VOLATILE = new Set(['date', 'x-cache', 'ratelimit-remaining', 'ratelimit-reset', 'keep-alive', 'connection']);

async function view(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    headers: Object.fromEntries([...response.headers].filter(([name]) => !VOLATILE.has(name)).sort()),
  };
}

describe.each([
  ['open access', {} as Record<string, string>, {} as Record<string, string>],
  ['API keys', { FACADE_API_KEYS: 'parity-key' }, { 'x-api-key': 'parity-key' }],
])('answers written by Nest and by the server handler are alike (%s)', (_mode, env, auth) => {
  let sim: RunningSimulator;
  let primary: RunningFacade;
  let secondary: RunningFacade;

  beforeAll(async () => {
    sim = await startSimulator();
    primary = await startFacade(sim, env);
    secondary = await startFacade(sim, env);
  });
  afterAll(async () => {
    await primary?.close();
    await secondary?.close();
    await sim?.stop();
  });

  it('finds the API’s GET routes', () => {
    expect(variants().length).toBeGreaterThan(20);
  });

  it.each(variants().map((variant) => [variant.name, variant] as const))('%s: 200 and 304 alike', async (_name, variant) => {
    const headers = { ...auth, ...variant.headers, 'x-request-id': 'parity-trace' };
    const byNest = await primary.get(variant.path, headers);
    expect(byNest.status).toBe(200);
    const etag = byNest.headers.get('etag') as string;
    const byHandler = await primary.get(variant.path, headers);
    const cached = byNest.headers.get('x-cache') !== null;
    // Answers built from vendor data are repeated by the handler; the drift report never is.
    if (cached) expect(byHandler.headers.get('x-cache')).toBe('HIT');
    expect(await view(byHandler)).toEqual(await view(byNest));

    // A second instance renders its first 304 through Nest; the drift report, its own per instance and
    // never repeated by the handler, is asked of the first again.
    const conditional = { ...headers, 'if-none-match': etag };
    const fresh = cached ? secondary : primary;
    const notModifiedByNest = await fresh.get(variant.path, conditional);
    expect(notModifiedByNest.status).toBe(304);
    const notModifiedByHandler = await fresh.get(variant.path, conditional);
    if (cached) expect(notModifiedByHandler.headers.get('x-cache')).toBe('HIT');
    expect(await view(notModifiedByHandler)).toEqual(await view(notModifiedByNest));
  });
});
