import { ConfigError } from '../config/facade-config';

export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type PropagatorName = 'tracecontext' | 'baggage';

/** Whether traces are exported, and how; what the SDK reads by itself (endpoint, headers…) is not here. */
export type TracingSettings =
  { on: false } | { on: true; protocol: OtlpProtocol; propagators: PropagatorName[] };

type Env = Record<string, string | undefined>;

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];
const PROPAGATORS: readonly string[] = ['tracecontext', 'baggage'];

function valueOf(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function listOf(env: Env, name: string): string[] | undefined {
  return valueOf(env, name)
    ?.split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Reads the OpenTelemetry variables that decide whether the SDK is loaded at all: tracing is on when an
 * OTLP endpoint is given or `OTEL_TRACES_EXPORTER=otlp`, off when neither is or with `none` or
 * `OTEL_SDK_DISABLED=true`. Values the facade cannot honour are refused naming the variable.
 */
export function tracingSettings(env: Env): TracingSettings {
  if (valueOf(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { on: false };
  const problems: string[] = [];
  const exporters = listOf(env, 'OTEL_TRACES_EXPORTER');
  const endpoint =
    valueOf(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? valueOf(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
    const value = valueOf(env, name);
    // Not quoted: an endpoint may carry credentials.
    if (value !== undefined && !isHttpUrl(value)) problems.push(`${name} must be an http(s) URL`);
  }
  if (exporters?.some((name) => name !== 'otlp' && name !== 'none')) {
    problems.push(`OTEL_TRACES_EXPORTER must be otlp or none (got "${env.OTEL_TRACES_EXPORTER}")`);
  }
  const on = exporters === undefined ? endpoint !== undefined : exporters.includes('otlp');
  const protocolVariable = valueOf(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = valueOf(env, protocolVariable) ?? 'http/protobuf';
  if (on && !PROTOCOLS.includes(protocol)) {
    problems.push(`${protocolVariable} must be http/protobuf or http/json (got "${protocol}")`);
  }
  const propagators = listOf(env, 'OTEL_PROPAGATORS') ?? ['tracecontext', 'baggage'];
  const unknown = propagators.filter((name) => name !== 'none' && !PROPAGATORS.includes(name));
  if (on && unknown.length > 0) {
    problems.push(`OTEL_PROPAGATORS may list tracecontext, baggage or none (got "${unknown.join(',')}")`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (!on) return { on: false };
  return {
    on: true,
    protocol: protocol as OtlpProtocol,
    propagators: propagators.filter((name): name is PropagatorName => PROPAGATORS.includes(name)),
  };
}
