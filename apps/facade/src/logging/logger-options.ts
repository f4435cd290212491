import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { FacadeConfig } from '../config/facade-config';

/** Headers that carry secrets: redacted from every log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.access_token',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * JSON logs through pino, one line per request, each carrying the request id. Lines are written to
 * stdout in batches (asynchronously) rather than with one system call each: on the hot path a
 * synchronous write per request cost more than answering. Pino flushes what is buffered at exit.
 */
export function loggerOptions(config: FacadeConfig, destination: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
        customLogLevel: (_req, res, error) =>
          error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      },
      destination,
    ],
  };
}
