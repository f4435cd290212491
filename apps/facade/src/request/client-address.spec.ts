import Fastify, { type FastifyInstance } from 'fastify';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  let fastify: FastifyInstance;
  beforeAll(async () => {
    fastify = Fastify();
    // Both readings of the same real request, so the test sees what the server would.
    fastify.get('/', async (request) => ({
      trusted: clientAddress(request.raw, true),
      untrusted: clientAddress(request.raw, false),
    }));
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  const addressesOf = async (headers: Record<string, string>) =>
    (await fastify.inject({ method: 'GET', url: '/', remoteAddress: '192.0.2.10', headers })).json<{
      trusted: string;
      untrusted: string;
    }>();

  it.each([
    [{}, '192.0.2.10'],
    [{ 'x-forwarded-for': '203.0.113.7' }, '203.0.113.7'],
    [{ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1, 10.0.0.2' }, '203.0.113.7'],
    [{ 'x-forwarded-for': '2001:db8::1,10.0.0.1' }, '2001:db8::1'],
    // Nothing usable in the first hop: the peer it came from.
    [{ 'x-forwarded-for': '' }, '192.0.2.10'],
    [{ 'x-forwarded-for': ' ,10.0.0.1' }, '192.0.2.10'],
  ])('behind a trusted proxy, %p comes from %s', async (headers, address) => {
    expect((await addressesOf(headers)).trusted).toBe(address);
  });

  it('ignores X-Forwarded-For unless proxies are trusted', async () => {
    expect((await addressesOf({ 'x-forwarded-for': '203.0.113.7' })).untrusted).toBe('192.0.2.10');
  });

  it('reads the first of several X-Forwarded-For headers', () => {
    const raw = new IncomingMessage(new Socket());
    raw.headers = { 'x-forwarded-for': ['203.0.113.7, 10.0.0.1', '10.0.0.2'] as unknown as string };
    expect(clientAddress(raw, true)).toBe('203.0.113.7');
  });

  it('says "unknown" when the socket has no peer address', () => {
    const raw = new IncomingMessage(new Socket());
    raw.headers = {};
    expect(clientAddress(raw, true)).toBe('unknown');
    expect(clientAddress(raw, false)).toBe('unknown');
  });
});
