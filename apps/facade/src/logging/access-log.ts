import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger as Pino } from 'pino';
import { FACADE_CONFIG } from '../config/facade-config.module';
import type { FacadeConfig } from '../config/facade-config';
import { traceLogMixin } from '../tracing/facade-tracing';
import { LOG_DESTINATION, type LogDestination } from './log-destination';

/** Probes and scrapes come every few seconds: counted, not logged. */
const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * The one `request completed` line per answered request, with its id, method, URL, status and time, at
 * info (warn for 4xx, error for 5xx). Written to the same destination as every other log line.
 */
@Injectable()
export class AccessLog {
  // Its lines hold five fields and no headers: no serializers of raw objects, no redaction, which cost
  // on every request.
  private readonly log: Pino;
  /** Without a mixin the line is written as pino would, by hand: pino's serializer cost per request. */
  private readonly byHand: boolean;
  /** pino's `,"pid":…,"hostname":…`. */
  private readonly bindings: string;

  constructor(
    @Inject(FACADE_CONFIG) config: FacadeConfig,
    @Inject(LOG_DESTINATION) private readonly destination: LogDestination,
  ) {
    const mixin = traceLogMixin();
    this.log = pino({ level: config.logLevel, ...mixin }, destination);
    this.byHand = mixin.mixin === undefined;
    this.bindings = (this.log as unknown as Record<symbol, string>)[pino.symbols.chindingsSym];
  }

  completed(id: string, method: string, url: string, status: number, elapsedMs: number): void {
    const query = url.indexOf('?');
    if (UNLOGGED_PATHS.has(query < 0 ? url : url.slice(0, query))) return;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (this.byHand) {
      const value = pino.levels.values[level];
      if (value < this.log.levelVal) return;
      this.destination.write(
        `{"level":${value},"time":${Date.now()}${this.bindings},"req":{"id":${JSON.stringify(id)},` +
          `"method":${JSON.stringify(method)},"url":${JSON.stringify(url)}},"res":{"statusCode":${status}},` +
          `"responseTime":${Math.round(elapsedMs)},"msg":"request completed"}\n`,
      );
      return;
    }
    this.log[level](
      { req: { id, method, url }, res: { statusCode: status }, responseTime: Math.round(elapsedMs) },
      'request completed',
    );
  }
}

interface Counting {
  httpAnswered(method: string, route: string, status: number, elapsedMs: number): void;
  cacheEvent(status: 'HIT'): void;
}

/** Once every answer is sent, whoever wrote it: its metrics and its log line, each in one place. */
export function registerAnsweredHook(fastify: FastifyInstance, metrics: Counting, log: AccessLog): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    if (request.answeredFromCache) metrics.cacheEvent('HIT');
    metrics.httpAnswered(request.method, request.routeOptions.url ?? 'unmatched', status, reply.elapsedTime);
    log.completed(request.id, request.method, request.url, status, reply.elapsedTime);
    done();
  });
}
