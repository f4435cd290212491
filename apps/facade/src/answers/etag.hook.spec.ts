import Fastify, { type FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { registerEtagHook } from './etag.hook';
import { etagOf } from './rendered-answers';

describe('registerEtagHook', () => {
  let fastify: FastifyInstance;
  beforeAll(async () => {
    fastify = Fastify();
    registerEtagHook(fastify);
    fastify.get('/text', async (_request, reply) => reply.type('text/plain').send('live'));
    fastify.get('/json', async () => ({ status: 'ok' }));
    fastify.get('/buffer', async (_request, reply) =>
      reply.type('application/octet-stream').send(Buffer.from('bytes')),
    );
    fastify.get('/stream', async (_request, reply) =>
      reply.type('text/plain').send(Readable.from(['streamed'])),
    );
    fastify.get('/tagged', async (_request, reply) => reply.header('etag', '"own"').send('tagged'));
    fastify.get('/created', async (_request, reply) => reply.code(201).send('made'));
    fastify.get('/missing', async (_request, reply) => reply.code(404).send('gone'));
    fastify.get('/not-modified', async (_request, reply) =>
      reply.code(304).header('etag', '"own"').send('should not be sent'),
    );
    fastify.post('/text', async () => 'posted');
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  it('tags a 200 GET with the strong ETag of its bytes', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/text' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe(etagOf('live'));
    expect(response.body).toBe('live');
  });

  it.each([
    ['/json', '{"status":"ok"}'],
    ['/buffer', 'bytes'],
  ])('tags %s, serialised JSON and bytes alike', async (url, body) => {
    expect((await fastify.inject({ method: 'GET', url })).headers['etag']).toBe(etagOf(body));
  });

  it.each([
    ['an exact match', etagOf('live')],
    ['a weak match in a list', `"other", W/${etagOf('live')}`],
    ['*', '*'],
  ])('answers 304 with the ETag and no body for %s', async (_case, ifNoneMatch) => {
    const response = await fastify.inject({
      method: 'GET',
      url: '/text',
      headers: { 'if-none-match': ifNoneMatch },
    });
    expect(response.statusCode).toBe(304);
    expect(response.headers['etag']).toBe(etagOf('live'));
    expect(response.body).toBe('');
    expect(response.headers['content-length']).toBeUndefined();
  });

  it('answers 200 for an ETag that does not match', async () => {
    const response = await fastify.inject({
      method: 'GET',
      url: '/text',
      headers: { 'if-none-match': '"other"' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('live');
  });

  it('tags a HEAD as its GET, and answers it 304 for that ETag', async () => {
    const head = await fastify.inject({ method: 'HEAD', url: '/text' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['etag']).toBe(etagOf('live'));
    expect(head.body).toBe('');
    const conditional = await fastify.inject({
      method: 'HEAD',
      url: '/text',
      headers: { 'if-none-match': etagOf('live') },
    });
    expect(conditional.statusCode).toBe(304);
    expect(conditional.headers['etag']).toBe(etagOf('live'));
    expect(conditional.headers['content-length']).toBeUndefined();
  });

  it('answers a HEAD the route answered 304 itself without failing, and without a length', async () => {
    const response = await fastify.inject({ method: 'HEAD', url: '/not-modified' });
    expect(response.statusCode).toBe(304);
    expect(response.headers['etag']).toBe('"own"');
    expect(response.headers['content-length']).toBeUndefined();
  });

  it('keeps an ETag the route set itself', async () => {
    const response = await fastify.inject({
      method: 'GET',
      url: '/tagged',
      headers: { 'if-none-match': etagOf('tagged') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe('"own"');
  });

  it.each([
    ['a stream', 'GET', '/stream', 200],
    ['another status', 'GET', '/created', 201],
    ['an error', 'GET', '/missing', 404],
    ['another method', 'POST', '/text', 200],
  ])('leaves %s untagged', async (_case, method, url, status) => {
    const response = await fastify.inject({
      method: method as 'GET' | 'POST',
      url,
      headers: { 'if-none-match': '*' },
    });
    expect(response.statusCode).toBe(status);
    expect(response.headers['etag']).toBeUndefined();
    expect(response.body).not.toBe('');
  });

  it('sends no body and no Content-Length with a 304, whoever answered it', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/not-modified' });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['etag']).toBe('"own"');
  });
});
