import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger as Pino } from 'pino';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { requestIdOf } from '../http/request/request-id';
import { MetricsService } from '../metrics/metrics.service';
import { LOG_DESTINATION, type LogDestination } from './log-destination';

/** Probes and scrapes come every few seconds: counted, not logged. */
const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * What happens once a request is answered, whoever answered it (Nest, or the server's handler of
 * repeated answers): its metrics, and one `request completed` log line with its id, method, URL,
 * status and time, at info (warn for 4xx, error for 5xx).
 */
@Injectable()
export class RequestOutcomes {
  // Its lines hold five fields and no headers: no serializers of raw objects, no redaction, which
  // together were a fifth of the cost of a repeated answer.
  private readonly log: Pino;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(FACADE_CONFIG) config: FacadeConfig,
    @Inject(LOG_DESTINATION) destination: LogDestination,
  ) {
    this.log = pino({ level: config.logLevel }, destination);
  }

  /** A request the server's handler answered from a rendered copy: a cache hit, and its outcome. */
  repeated(raw: IncomingMessage, route: string, status: number, elapsedMs: number): void {
    this.metrics.cacheEvent('HIT');
    this.answered(raw, route, status, elapsedMs);
  }

  answered(raw: IncomingMessage, route: string, status: number, elapsedMs: number): void {
    const method = raw.method ?? 'GET';
    this.metrics.httpAnswered(method, route, status, elapsedMs);
    const url = raw.url ?? '';
    const query = url.indexOf('?');
    if (UNLOGGED_PATHS.has(query < 0 ? url : url.slice(0, query))) return;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    this.log[level]({ req: { id: requestIdOf(raw), method, url }, res: { statusCode: status }, responseTime: Math.round(elapsedMs) }, 'request completed');
  }
}
