import { trace, type Tracer } from '@opentelemetry/api';

let tracer: Tracer | undefined;

/**
 * Whether tracing is on is decided once at start: with it off no span is started, no hook registered and
 * no log line asks for a span, so that the answering path costs what it did without tracing.
 */
export function enableFacadeTracing(): void {
  tracer = trace.getTracer('youmi-facade');
}

/** The facade's tracer when tracing is on, else undefined. */
export function facadeTracer(): Tracer | undefined {
  return tracer;
}

/** The ids pino adds to every line written inside a span (`trace_id`, `span_id`). */
export function traceIdsOfActiveSpan(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** pino's `mixin` option: adds the active span's ids when tracing is on, nothing otherwise. */
export function traceLogMixin(): { mixin?: () => object } {
  return tracer ? { mixin: traceIdsOfActiveSpan } : {};
}
