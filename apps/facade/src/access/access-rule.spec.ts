import { Controller, Get } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { Keyed, KEYED, Public, PUBLIC } from './access-rule';

@Keyed()
@Controller('v1/things')
class ApiController {
  @Get()
  list() {
    return [];
  }

  @Public()
  @Get('open')
  open() {
    return [];
  }
}

@Public()
@Controller('health')
class OperationsController {
  @Get('live')
  live() {
    return 'ok';
  }
}

const configOf = (handler: (...args: never[]) => unknown) =>
  Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler);

describe('access rules', () => {
  it('are fixed: the API needs a key and is counted, operations need neither', () => {
    expect(KEYED).toEqual({ key: true, rateLimited: true });
    expect(PUBLIC).toEqual({ key: false, rateLimited: false });
    expect(Object.isFrozen(KEYED)).toBe(true);
    expect(Object.isFrozen(PUBLIC)).toBe(true);
  });

  it('are declared on the controller, as route config of each of its handlers', () => {
    expect(configOf(ApiController.prototype.list)).toEqual({ access: KEYED });
    expect(configOf(OperationsController.prototype.live)).toEqual({ access: PUBLIC });
  });

  it('let a handler declare its own rule over its controller’s', () => {
    expect(configOf(ApiController.prototype.open)).toEqual({ access: PUBLIC });
  });
});
