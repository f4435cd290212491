import { SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { Fetched } from '../upstream/cache-status';
import { facadeTracer } from './facade-tracing';

/**
 * A cache lookup as a span (`cache lookup`): the key, the decision (`youmi.cache.status` HIT, MISS or STALE)
 * and, when the vendor is asked, whether this lookup started the refresh or joined one already running.
 */
export function tracedLookup(
  tracer: Tracer,
  key: string,
  lookup: () => Promise<Fetched<unknown[]>>,
): Promise<Fetched<unknown[]>> {
  return tracer.startActiveSpan('cache lookup', { attributes: { 'youmi.cache.key': key } }, async (span) => {
    try {
      const fetched = await lookup();
      span.setAttribute('youmi.cache.status', fetched.cache);
      return fetched;
    } catch (error) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : undefined,
      });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** `youmi.cache.refresh` on the lookup's span: this lookup `started` the vendor call or `joined` one. */
export function noteRefresh(how: 'started' | 'joined'): void {
  if (facadeTracer()) trace.getActiveSpan()?.setAttribute('youmi.cache.refresh', how);
}

/** `youmi.cache.refresh_in_background`: the copy was answered while the refresh goes on. */
export function noteBackgroundRefresh(): void {
  if (facadeTracer()) trace.getActiveSpan()?.setAttribute('youmi.cache.refresh_in_background', true);
}
