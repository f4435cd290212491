import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';
import { startFacade, type RunningFacade } from './facade-harness';

// The first request of a URL is answered by Nest, a repeated one from the rendered copy while the vendor data
// is fresh. A client sees the same status, bytes and headers either way: this walks every GET route of the
// API document, for JSON, CSV, a conditional GET and HEAD.

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
    const path = template.replace(
      /\{(\w+)\}/g,
      (_, name: string) => EXAMPLES[template]?.[name] ?? EXAMPLE_PARAMETERS[name],
    );
    found.push({ name: `${template} JSON`, path, headers: {} });
    if (ok.content?.['text/csv']) {
      found.push({ name: `${template} ?format=csv`, path: `${path}?format=csv`, headers: {} });
      found.push({ name: `${template} Accept: text/csv`, path, headers: { accept: 'text/csv' } });
    }
  }
  return found;
}

// What legitimately differs between two answers of one resource.
const VOLATILE = new Set([
  'date',
  'x-cache',
  'ratelimit-remaining',
  'ratelimit-reset',
  'keep-alive',
  'connection',
]);

async function view(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    headers: Object.fromEntries([...response.headers].filter(([name]) => !VOLATILE.has(name)).sort()),
  };
}

describe.each([
  ['open access', {} as Record<string, string>, {} as Record<string, string>],
  ['API keys', { FACADE_API_KEYS: 'repeat-key' }, { 'x-api-key': 'repeat-key' }],
])('the first and the repeated request of a GET route answer alike (%s)', (_mode, env, auth) => {
  let sim: RunningSimulator;
  // One instance per kind of first request, so that each first request finds nothing rendered.
  let forGet: RunningFacade;
  let forConditional: RunningFacade;
  let forHead: RunningFacade;
  const send = (facade: RunningFacade, path: string, headers: Record<string, string>, method = 'GET') =>
    fetch(facade.url + path, { method, headers });

  beforeAll(async () => {
    sim = await startSimulator();
    forGet = await startFacade(sim, env);
    forConditional = await startFacade(sim, env);
    forHead = await startFacade(sim, env);
  });
  afterAll(async () => {
    await Promise.all([forGet, forConditional, forHead].map((facade) => facade?.close()));
    await sim?.stop();
  });

  it('finds the API’s GET routes', () => {
    expect(variants().length).toBeGreaterThan(20);
  });

  it.each(variants().map((variant) => [variant.name, variant] as const))(
    '%s: 200, 304 and HEAD',
    async (_name, variant) => {
      const headers = { ...auth, ...variant.headers, 'x-request-id': 'repeat-trace' };
      const first = await send(forGet, variant.path, headers);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') as string;
      // Answers built from vendor data are repeated from their rendered copy; the drift report never is.
      const cached = first.headers.get('x-cache') !== null;
      const repeated = await send(forGet, variant.path, headers);
      if (cached) expect(repeated.headers.get('x-cache')).toBe('HIT');
      const firstView = await view(first);
      expect(await view(repeated)).toEqual(firstView);

      // The drift report is each instance's own, and never repeated from a copy: it is asked of the first
      // again.
      const instance = (other: RunningFacade) => (cached ? other : forGet);
      const conditional = { ...headers, 'if-none-match': etag };
      const notModified = await send(instance(forConditional), variant.path, conditional);
      expect(notModified.status).toBe(304);
      const notModifiedAgain = await send(instance(forConditional), variant.path, conditional);
      if (cached) expect(notModifiedAgain.headers.get('x-cache')).toBe('HIT');
      const notModifiedView = await view(notModified);
      expect(notModifiedView.body).toBe('');
      expect(notModifiedView.headers).not.toHaveProperty('content-length');
      expect(await view(notModifiedAgain)).toEqual(notModifiedView);

      const head = await send(instance(forHead), variant.path, headers, 'HEAD');
      const headAgain = await send(instance(forHead), variant.path, headers, 'HEAD');
      if (cached) expect(headAgain.headers.get('x-cache')).toBe('HIT');
      const headView = await view(head);
      expect(headView).toEqual({ ...firstView, body: '' });
      expect(await view(headAgain)).toEqual(headView);
    },
  );
});
