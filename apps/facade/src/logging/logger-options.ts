import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { FacadeConfig } from '../config/facade-config';
import { traceLogMixin } from '../tracing/facade-tracing';

/** Headers that carry secrets: redacted from every log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.access_token',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/**
 * JSON logs through pino, every line of a request carrying its id. The one line per answered request is
 * written by AccessLog (for every answer, cached or not), so the request logger's own line is off. Lines go
 * to stdout in batches (see LogDestination).
 */
export function loggerOptions(config: FacadeConfig, destination: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        ...traceLogMixin(),
        genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        autoLogging: false,
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
