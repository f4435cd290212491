// The cold-start baseline: a minimal Nest 11 + Fastify app with one route, as `nest new` would compile it
// (plain CommonJS, node_modules loaded from disk). Prints the same start line as the facade.
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

class ReadyController {
  ready() {
    return { status: 'ok' };
  }
}
Reflect.decorate(
  [Get('health/ready')],
  ReadyController.prototype,
  'ready',
  Object.getOwnPropertyDescriptor(ReadyController.prototype, 'ready'),
);
const Ready = Reflect.decorate([Controller()], ReadyController);

class AppModule {}
const App = Reflect.decorate([Module({ controllers: [Ready] })], AppModule);

NestFactory.create(App, new FastifyAdapter(), { logger: false })
  .then(async (app) => {
    await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
    process.stdout.write(
      `minimal Nest listening: API http://127.0.0.1:${app.getHttpServer().address().port}/v1\n`,
    );
  })
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
