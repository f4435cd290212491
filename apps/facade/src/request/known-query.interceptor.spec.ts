import { Controller, Get, Param, Query, type LoggerService } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import Fastify from 'fastify';
import { Keyed, Public } from '../access/access-rule';
import { PageQueryDto } from '../pagination/page-query.dto';
import { loadFacadeConfig } from '../config/facade-config';
import { FacadeConfigModule } from '../config/facade-config.module';
import { ApiDocument } from '../docs/api-document';
import { buildOpenApiDocument } from '../docs/docs.setup';
import { MethodRoutes } from '../routing/method-routes';
import { ProblemFilter } from '../problem/problem.filter';
import { KnownQueryInterceptor } from './known-query.interceptor';
import { parseQuery } from './query-parser';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

@Keyed()
@Controller('v1/staff')
class StaffController {
  // Its query DTO validates its parameters (no ValidationPipe here: whatever passes this check reaches it).
  @Get()
  list(@Query() query: PageQueryDto) {
    return { query };
  }

  @Get(':code')
  one(@Param('code') code: string) {
    return { code };
  }
}

@Keyed()
@Controller('v1/label-tree')
class TreeController {
  @Get()
  tree() {
    return { data: [] };
  }

  // Not in the document: nothing says which parameters it takes, so none is refused here.
  @ApiExcludeEndpoint()
  @Get('hidden')
  hidden() {
    return { data: [] };
  }
}

@Public()
@Controller('health')
class HealthController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

const unknown = (field: string) => ({ field, message: `${field} is not a known parameter` });
const malformed = (field: string) => ({
  field,
  message: `${field} is not valid percent-encoding: encode its UTF-8 bytes, e.g. 王 as %E7%8E%8B (RFC 3986)`,
});

describe('KnownQueryInterceptor', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [FacadeConfigModule.forRoot(loadFacadeConfig({}))],
      controllers: [StaffController, TreeController, HealthController],
      providers: [
        ApiDocument,
        MethodRoutes,
        { provide: APP_INTERCEPTOR, useClass: KnownQueryInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    })
      .setLogger(quiet)
      .compile();
    // The facade's own query parser, which notes parameters that are not valid percent-encoding.
    const fastify = Fastify({ routerOptions: { querystringParser: parseQuery } });
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(fastify), {
      logger: false,
    });
    await app.init();
    await fastify.ready();
    app.get(ApiDocument).buildWith(() => buildOpenApiDocument(app));
  });
  afterAll(() => app.close());

  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url });

  it.each([
    ['a route without parameters', '/v1/label-tree'],
    ['a single resource', '/v1/staff/b01'],
    ['an empty query', '/v1/staff/b01?'],
    ['a list’s documented parameters', '/v1/staff?limit=5&offset=1&format=csv'],
    ['a list’s undocumented parameters (its DTO refuses them)', '/v1/staff?foo=1'],
    ['an operations route with a cache-buster', '/health/live?_=1712345678'],
    ['a route the document does not describe', '/v1/label-tree/hidden?x=1'],
    ['an operations route with anything at all', '/health/live?q=%E5%9'],
  ])('lets %s through', async (_case, url) => {
    expect((await get(url)).statusCode).toBe(200);
  });

  it.each([
    ['GET', '/v1/staff/b01?format=csv', [unknown('format')]],
    ['HEAD', '/v1/staff/b01?limit=1', [unknown('limit')]],
    ['GET', '/v1/label-tree?limit=1&x=2', [unknown('limit'), unknown('x')]],
    ['GET', '/v1/staff?q=%E5%9', [malformed('q')]],
    ['GET', '/v1/staff/b01?limit=1&q=%E5%9&name=%', [malformed('q'), malformed('name')]],
  ])('refuses %s %s, naming each parameter', async (method, url, errors) => {
    const response = await get(url, method as 'GET' | 'HEAD');
    expect(response.statusCode).toBe(400);
    if (method === 'HEAD') return;
    expect(response.json()).toMatchObject({
      type: 'urn:youmi-facade:problem:validation',
      detail: `The request has ${errors.length} invalid parameter${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}.`,
      errors,
      instance: url.split('?')[0],
    });
  });
});
