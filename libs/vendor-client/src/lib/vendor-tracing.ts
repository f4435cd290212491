import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { VendorError } from './vendor-errors';

// Without an OpenTelemetry SDK registered by the application, every span here is a no-op.
const tracer = trace.getTracer('@youmi-facade/vendor-client');

/** The vendor's URL as a span may show it: no query (a token request signs its own), no credentials. */
export function spanUrl(url: string): {
  'url.full': string;
  'server.address': string;
  'server.port': number;
} {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return {
    'url.full': `${parsed.protocol}//${parsed.host}${parsed.pathname}`,
    'server.address': parsed.hostname,
    'server.port': port,
  };
}

/** What a failure says on a span: its kind, the vendor's code and the code's documented meaning. */
export function markFailed(span: Span, error: unknown): void {
  if (error instanceof VendorError) {
    span.setAttribute('error.type', error.kind);
    if (error.upstream) {
      span.setAttribute('vendor.errmsg', error.upstream.code);
      span.setAttribute('vendor.errmsg.meaning', error.upstream.meaning);
      span.setAttribute('vendor.errmsg.class', error.upstream.class);
    }
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  } else {
    span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}

/** One vendor call, its attempts and retries beneath it: `vendor WeCaht`. */
export function tracedCall<T>(
  endpoint: string,
  work: () => Promise<T>,
  attemptsOf: () => number,
): Promise<T> {
  return tracer.startActiveSpan(
    `vendor ${endpoint}`,
    { kind: SpanKind.INTERNAL, attributes: { 'vendor.endpoint': endpoint } },
    async (span) => {
      try {
        return await work();
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.setAttribute('vendor.attempts', attemptsOf());
        span.end();
      }
    },
  );
}

/**
 * One HTTP exchange with the vendor and the reading of its envelope, as a client span (`GET WeCaht`):
 * method, URL without query, attempt number, HTTP status, and on failure the vendor's code.
 */
export function tracedExchange<T>(
  method: string,
  endpoint: string,
  url: string,
  attempt: number,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `${method} ${endpoint}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'vendor.endpoint': endpoint },
    },
    async (span) => {
      // Without a recording SDK the URL is not parsed: every vendor call passes here.
      if (span.isRecording()) {
        span.setAttributes({
          ...spanUrl(url),
          'url.template': endpoint,
          'vendor.attempt': attempt,
          ...(attempt > 1 ? { 'http.request.resend_count': attempt - 1 } : {}),
        });
      }
      try {
        return await work(span);
      } catch (error) {
        if (error instanceof VendorError && error.httpStatus !== undefined)
          span.setAttribute('http.response.status_code', error.httpStatus);
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
