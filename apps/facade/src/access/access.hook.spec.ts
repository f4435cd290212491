import Fastify, { type FastifyInstance } from 'fastify';
import { problem, ProblemException } from '../problem/problem';
import type { AccessOutcome } from './access-policy';
import { registerAccessHook } from './access.hook';
import { KEYED, PUBLIC, type AccessRule } from './access-rule';

const RATE = { allowed: true, limit: 600, remaining: 17, resetMs: 12_300 };
const REFUSAL = new ProblemException(problem(401, 'unauthorized', 'The API key is not valid.'), {
  'www-authenticate': 'Bearer',
});

describe('registerAccessHook', () => {
  let fastify: FastifyInstance;
  let asked: AccessRule[];
  let decide: () => AccessOutcome | Promise<AccessOutcome>;
  let handled: number;

  beforeEach(async () => {
    asked = [];
    handled = 0;
    fastify = Fastify();
    registerAccessHook(fastify, {
      check: (_raw, rule) => {
        asked.push(rule);
        return decide();
      },
    });
    // Stands in for Nest's error handler, which answers a refusal as its problem.
    fastify.setErrorHandler((error, _request, reply) => {
      const refusal = error as unknown as ProblemException;
      void reply
        .code(refusal.problem?.status ?? 500)
        .headers(refusal.headers ?? {})
        .send(refusal.problem ?? { failed: (error as Error).message });
    });
    const handler = async () => {
      handled += 1;
      return 'answered';
    };
    fastify.get('/v1/keyed', { config: { access: KEYED } }, handler);
    fastify.get('/health', { config: { access: PUBLIC } }, handler);
    fastify.get('/docs', handler);
    await fastify.ready();
  });
  afterEach(() => fastify.close());

  it('asks the policy under the route’s own rule, and lets an allowed request on with the rate limit’s headers', async () => {
    decide = () => ({ allowed: true, rate: RATE });
    const response = await fastify.inject({ method: 'GET', url: '/v1/keyed' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('answered');
    expect(response.headers).toMatchObject({
      'ratelimit-limit': '600',
      'ratelimit-remaining': '17',
      'ratelimit-reset': '13',
    });
    expect(asked).toEqual([KEYED]);
  });

  it('waits for a decision counted elsewhere (Redis)', async () => {
    decide = () => Promise.resolve({ allowed: true, rate: RATE });
    expect((await fastify.inject({ method: 'GET', url: '/v1/keyed' })).statusCode).toBe(200);
  });

  it.each([
    ['at once', () => ({ allowed: false, refusal: REFUSAL }) as AccessOutcome],
    ['once counted', () => Promise.resolve({ allowed: false, refusal: REFUSAL } as AccessOutcome)],
  ])('hands a refusal decided %s to the error handler, before the route runs', async (_case, refuse) => {
    decide = refuse;
    const response = await fastify.inject({ method: 'GET', url: '/v1/keyed' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toMatchObject({ status: 401, detail: 'The API key is not valid.' });
    expect(handled).toBe(0);
  });

  it('keeps the rate limit’s headers on a 429', async () => {
    const limited = new ProblemException(problem(429, 'rate-limited', 'The limit is reached.'), {
      'retry-after': '13',
    });
    decide = () => ({ allowed: false, refusal: limited, rate: { ...RATE, allowed: false, remaining: 0 } });
    const response = await fastify.inject({ method: 'GET', url: '/v1/keyed' });
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'ratelimit-remaining': '0', 'retry-after': '13' });
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('limiter broke');
      },
    ],
    ['rejects', () => Promise.reject(new Error('limiter broke'))],
  ])('answers an error, never hangs, when deciding %s', async (_case, broken) => {
    decide = broken as unknown as () => AccessOutcome;
    const response = await fastify.inject({ method: 'GET', url: '/v1/keyed' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ failed: 'limiter broke' });
    expect(handled).toBe(0);
  });

  it('asks nothing for a route that declares no rule (not Nest’s: the docs)', async () => {
    decide = () => ({ allowed: false, refusal: REFUSAL });
    expect((await fastify.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(200);
    expect(asked).toEqual([]);
  });

  it('holds a public route to its own rule', async () => {
    decide = () => ({ allowed: true });
    expect((await fastify.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(asked).toEqual([PUBLIC]);
  });

  it('refuses to start with a route of the API that declares no rule', async () => {
    const app = Fastify();
    registerAccessHook(app, { check: () => ({ allowed: true }) });
    expect(() => app.get('/v1/forgotten', async () => 'open')).toThrow(
      'GET /v1/forgotten declares no access rule',
    );
    await app.close();
  });
});
