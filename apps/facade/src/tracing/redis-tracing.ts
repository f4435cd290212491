import { SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type Redis from 'ioredis';

type SendCommand = Redis['sendCommand'];

/**
 * Each Redis command sent inside a traced request or poll as a client span named by the command (`GET`),
 * with the server's address: never its arguments (keys and values), nor the URL's password.
 */
export function traceRedisCommands(redis: Redis, url: string, tracer: Tracer): void {
  const { hostname, port } = new URL(url);
  const send: SendCommand = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command, stream) => {
    if (!trace.getActiveSpan()) return send(command, stream);
    const operation = command.name.toUpperCase();
    const span = tracer.startSpan(operation, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'redis',
        'db.operation.name': operation,
        'server.address': hostname,
        'server.port': port ? Number(port) : 6379,
      },
    });
    const sent = send(command, stream);
    command.promise.then(
      () => span.end(),
      (error: unknown) => {
        span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : '' });
        span.end();
      },
    );
    return sent;
  }) as SendCommand;
}
