import { ConfigError } from '../config/facade-config';
import { tracingSettings } from './tracing-settings';

describe('tracingSettings', () => {
  it('is off with no OTEL_* exporter, whatever else is set', () => {
    expect(tracingSettings({})).toEqual({ on: false });
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' })).toEqual({
      on: false,
    });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }],
  ])('is on with %j, protobuf and W3C trace context with baggage by default', (env) => {
    expect(tracingSettings(env)).toEqual({
      on: true,
      protocol: 'http/protobuf',
      propagators: ['tracecontext', 'baggage'],
    });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }],
  ])('is off with %j', (env) => {
    expect(tracingSettings(env)).toEqual({ on: false });
  });

  it('takes the traces protocol over the general one, and the propagators listed', () => {
    expect(
      tracingSettings({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_PROPAGATORS: 'tracecontext',
      }),
    ).toEqual({ on: true, protocol: 'http/json', propagators: ['tracecontext'] });
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_PROPAGATORS: 'none' })).toMatchObject({
      propagators: [],
    });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'console' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' },
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    ],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_PROPAGATORS: 'tracecontext,b3' }, 'OTEL_PROPAGATORS'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318/v1/traces' },
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    ],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => tracingSettings(env)).toThrow(ConfigError);
    expect(() => tracingSettings(env)).toThrow(variable);
  });

  it('never quotes an endpoint it refuses: it may carry credentials', () => {
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:s3cret@collector' })).toThrow(
      /^(?!.*s3cret).*OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/s,
    );
  });
});
