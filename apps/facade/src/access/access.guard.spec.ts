import { Controller, Get, type LoggerService } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { loadFacadeConfig } from '../config/facade-config';
import { FacadeConfigModule } from '../config/facade-config.module';
import { ApiDocument } from '../docs/api-document';
import { MethodRoutes } from '../problem/method-routes';
import { ProblemFilter } from '../problem/problem.filter';
import { RATE_LIMITER } from '../rate-limit/rate-limit.tokens';
import { MemoryRateLimiter } from '../rate-limit/rate-limiter';
import { AccessModule } from './access.module';
import { AccessGuard } from './access.guard';
import { Public } from './access-rule';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };
// 12:00:45.2: 14.8 s of the window are left, which a client is told as 15.
const NOW = Date.parse('2026-11-27T12:00:45.200Z');

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return { data: [1, 2] };
  }

  @Public()
  @Get('open')
  open() {
    return { status: 'ok' };
  }
}

async function appWith(apiKeys: string, limit: number): Promise<NestFastifyApplication> {
  const module = await Test.createTestingModule({
    imports: [FacadeConfigModule.forRoot(loadFacadeConfig({ FACADE_API_KEYS: apiKeys })), AccessModule],
    controllers: [ThingsController],
    providers: [
      ApiDocument,
      MethodRoutes,
      { provide: APP_GUARD, useExisting: AccessGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
    ],
  })
    .overrideProvider(RATE_LIMITER)
    .useValue(new MemoryRateLimiter(limit, () => NOW))
    .setLogger(quiet)
    .compile();
  module
    .get(ApiDocument)
    .buildWith(
      () =>
        ({
          openapi: '3.0.0',
          info: { title: 't', version: '1' },
          paths: { '/things': { get: {} } },
        }) as unknown as OpenAPIObject,
    );
  const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('AccessGuard', () => {
  let app: NestFastifyApplication;
  beforeEach(async () => {
    app = await appWith('good-key', 2);
  });
  afterEach(() => app.close());

  it('answers a request without a key 401, with WWW-Authenticate, and does not count it', async () => {
    const response = await app.inject({ method: 'GET', url: '/things?x=1' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="youmi-facade"');
    expect(response.headers['ratelimit-limit']).toBeUndefined();
    expect(response.json()).toMatchObject({
      type: 'urn:youmi-facade:problem:unauthorized',
      detail: 'An API key is required: Authorization: Bearer KEY or X-API-Key: KEY.',
      instance: '/things',
    });
  });

  it('lets a valid key through and says what is left of its limit', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/things',
      headers: { authorization: 'Bearer good-key' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: [1, 2] });
    expect(response.headers).toMatchObject({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '15',
    });
  });

  it('answers 429 over the limit, with Retry-After and the limit’s headers', async () => {
    const headers = { 'x-api-key': 'good-key' };
    await app.inject({ method: 'GET', url: '/things', headers });
    await app.inject({ method: 'GET', url: '/things', headers });
    const response = await app.inject({ method: 'GET', url: '/things', headers });
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({
      'retry-after': '15',
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '15',
    });
    expect(response.json()).toMatchObject({
      type: 'urn:youmi-facade:problem:rate-limited',
      detail: 'The limit of 2 requests a minute is reached; try again in 15 s.',
    });
  });

  it('lets anyone call a public route, uncounted', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await app.inject({ method: 'GET', url: '/things/open' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-remaining']).toBeUndefined();
    }
  });
});
