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

const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/** The request's path: the logger runs as a mounted middleware, which sees `url` cut to the mount point. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

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
        // Probes and scrapes come every few seconds; the vendor connection's changes are logged on their own.
        autoLogging: { ignore: (req) => UNLOGGED_PATHS.has(pathOf(req)) },
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
