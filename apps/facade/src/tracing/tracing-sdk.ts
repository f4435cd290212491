import { diag, DiagConsoleLogger, DiagLogLevel, type TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  diagLogLevelFromString,
  getStringFromEnv,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingSettings } from './tracing-settings';

export interface StartedTracing {
  /** Exports what is still queued and stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK globally: the exporter the protocol names (each reads its endpoint,
 * headers, timeout and compression from `OTEL_EXPORTER_OTLP_*`), the batch processor (`OTEL_BSP_*`), the
 * sampler (`OTEL_TRACES_SAMPLER`), the resource (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`) and the
 * propagators. Loaded only when tracing is on.
 */
export function startTracing(settings: Extract<TracingSettings, { on: true }>): StartedTracing {
  // The SDK's own warnings (a collector that refuses or cannot be reached) go to stderr; OTEL_LOG_LEVEL.
  diag.setLogger(new DiagConsoleLogger(), {
    logLevel: diagLogLevelFromString(getStringFromEnv('OTEL_LOG_LEVEL')) ?? DiagLogLevel.WARN,
  });
  const exporter = settings.protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': 'youmi-facade' }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register({ propagator: propagatorOf(settings.propagators) });
  return { shutdown: () => provider.shutdown() };
}

function propagatorOf(names: readonly string[]): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  if (names.includes('tracecontext')) propagators.push(new W3CTraceContextPropagator());
  if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  return new CompositePropagator({ propagators });
}
