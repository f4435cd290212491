import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { accessRuleOf, KEYED, Public, PUBLIC } from './access-rule';

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

const reflector = new Reflector();
const ruleOf = (type: new () => object, handler: (...args: never[]) => unknown) =>
  accessRuleOf(reflector, new ExecutionContextHost([{}, {}], type as never, handler));

describe('access rules', () => {
  it('are fixed: the API needs a key and is counted, operations need neither', () => {
    expect(KEYED).toEqual({ key: true, rateLimited: true });
    expect(PUBLIC).toEqual({ key: false, rateLimited: false });
    expect(Object.isFrozen(KEYED)).toBe(true);
    expect(Object.isFrozen(PUBLIC)).toBe(true);
  });

  it('hold every route to the API’s rule unless it says otherwise', () => {
    expect(ruleOf(ApiController, ApiController.prototype.list)).toBe(KEYED);
  });

  it('read @Public() from the handler', () => {
    expect(ruleOf(ApiController, ApiController.prototype.open)).toBe(PUBLIC);
  });

  it('read @Public() from the controller, for each of its handlers', () => {
    expect(ruleOf(OperationsController, OperationsController.prototype.live)).toBe(PUBLIC);
  });
});
