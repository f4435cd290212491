import Fastify, { type FastifyInstance } from 'fastify';
import { registerCachedAnswerHook } from './cached-answer.hook';
import { registerEtagHook } from './etag.hook';
import { etagOf, RenderedAnswers, type RenderedAnswer } from './rendered-answers';

const BODY = Buffer.from('{"data":[{"code":"b03","name":"王秀娟"}]}', 'utf8');
const CSV = Buffer.from('\uFEFFcode,name\r\nb03,王秀娟\r\n', 'utf8');
const NOW = Date.parse('2026-12-07T10:00:00Z');

function rendered(
  body: Buffer,
  freshUntil: number,
  type = 'application/json; charset=utf-8',
): RenderedAnswer {
  const etag = etagOf(body);
  return {
    version: 'v1',
    body,
    headers: {
      'content-type': type,
      etag,
      'cache-control': 'private, no-cache',
      vary: 'Accept, Authorization, X-API-Key',
    },
    etag,
    freshUntil,
  };
}

describe('registerCachedAnswerHook', () => {
  let fastify: FastifyInstance;
  let answers: RenderedAnswers;
  let routed: string[];
  let fromCache: boolean[];

  beforeEach(async () => {
    answers = new RenderedAnswers();
    routed = [];
    fromCache = [];
    fastify = Fastify();
    registerCachedAnswerHook(fastify, answers, () => NOW);
    registerEtagHook(fastify);
    fastify.addHook('onResponse', (request, _reply, done) => {
      fromCache.push(request.answeredFromCache);
      done();
    });
    const route = async (request: { url: string }) => {
      routed.push(request.url);
      return 'from the route';
    };
    fastify.get('/v1/staff', route);
    fastify.post('/v1/staff', route);
    await fastify.ready();
  });
  afterEach(() => fastify.close());

  const fresh = () => NOW + 60_000;

  it('answers a fresh rendered answer with its bytes and headers, X-Cache HIT, without the route', async () => {
    answers.set(RenderedAnswers.key('/v1/staff?limit=5', false), rendered(BODY, fresh()));
    const response = await fastify.inject({ method: 'GET', url: '/v1/staff?limit=5' });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(BODY);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      etag: etagOf(BODY),
      'cache-control': 'private, no-cache',
      vary: 'Accept, Authorization, X-API-Key',
      'x-cache': 'HIT',
      'content-length': String(BODY.length),
    });
    expect(routed).toEqual([]);
    expect(fromCache).toEqual([true]);
  });

  it('leaves the 304 to the ETag hook, like any other answer', async () => {
    answers.set(RenderedAnswers.key('/v1/staff', false), rendered(BODY, fresh()));
    const response = await fastify.inject({
      method: 'GET',
      url: '/v1/staff',
      headers: { 'if-none-match': etagOf(BODY) },
    });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers['x-cache']).toBe('HIT');
    expect(routed).toEqual([]);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    answers.set(RenderedAnswers.key('/v1/staff', false), rendered(BODY, fresh()));
    const response = await fastify.inject({ method: 'HEAD', url: '/v1/staff' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(response.headers['etag']).toBe(etagOf(BODY));
    expect(response.headers['content-length']).toBe(String(BODY.length));
    expect(routed).toEqual([]);
  });

  it.each([
    ['Accept: text/csv', '/v1/staff', { accept: 'text/csv' }],
    ['?format=csv', '/v1/staff?format=csv', {}],
  ])('repeats the CSV of a URL for %s, and the JSON otherwise', async (_case, url, headers) => {
    answers.set(RenderedAnswers.key(url, true), rendered(CSV, fresh(), 'text/csv; charset=utf-8'));
    const csv = await fastify.inject({ method: 'GET', url, headers });
    expect(csv.rawPayload).toEqual(CSV);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const json = await fastify.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
    expect(json.body).toBe(url.includes('format=csv') ? CSV.toString() : 'from the route');
  });

  it('passes on an answer whose vendor data is no longer fresh', async () => {
    answers.set(RenderedAnswers.key('/v1/staff', false), rendered(BODY, NOW - 1));
    const response = await fastify.inject({ method: 'GET', url: '/v1/staff' });
    expect(response.body).toBe('from the route');
    expect(response.headers['x-cache']).toBeUndefined();
    expect(fromCache).toEqual([false]);
  });

  it('passes on what is not a read, and a URL it holds nothing for', async () => {
    answers.set(RenderedAnswers.key('/v1/staff', false), rendered(BODY, fresh()));
    expect((await fastify.inject({ method: 'POST', url: '/v1/staff' })).body).toBe('from the route');
    expect((await fastify.inject({ method: 'GET', url: '/v1/staff?limit=6' })).body).toBe('from the route');
    expect(routed).toEqual(['/v1/staff', '/v1/staff?limit=6']);
  });
});
