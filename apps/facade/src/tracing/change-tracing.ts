import { SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span } from '@opentelemetry/api';
import { facadeTracer } from './facade-tracing';

const KEPT_POLL_LINKS = 1000;
/** The poll that recorded each recent event, so that its deliveries link back to it. */
const pollOfEvent = new Map<string, Link>();
const eventIdsOfPoll = new WeakMap<Span, string[]>();

/** One poll of the change feed as a span (`change-feed poll`), with the ids of the events it recorded. */
export function tracedPoll(poll: () => Promise<void>): Promise<void> {
  const tracer = facadeTracer();
  if (!tracer) return poll();
  return tracer.startActiveSpan('change-feed poll', { root: true }, async (span) => {
    eventIdsOfPoll.set(span, []);
    try {
      await poll();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : '' });
      throw error;
    } finally {
      const ids = eventIdsOfPoll.get(span) ?? [];
      span.setAttribute('youmi.change.event_count', ids.length);
      if (ids.length > 0) span.setAttribute('youmi.change.event_ids', ids);
      span.end();
    }
  });
}

/** Events a poll's commit recorded, on the poll's span. */
export function noteCommittedEvents(events: readonly { id: string }[]): void {
  if (!facadeTracer() || events.length === 0) return;
  const span = trace.getActiveSpan();
  const ids = span && eventIdsOfPoll.get(span);
  if (!span || !ids) return;
  const link: Link = { context: span.spanContext() };
  for (const { id } of events) {
    ids.push(id);
    pollOfEvent.set(id, link);
  }
  for (const oldest of pollOfEvent.keys()) {
    if (pollOfEvent.size <= KEPT_POLL_LINKS) break;
    pollOfEvent.delete(oldest);
  }
}

/**
 * One webhook delivery attempt as a client span (`webhook POST`): the event id, the attempt, the URL with
 * its secrets masked, linked to the poll that recorded the event; `deliver` answers undefined on success,
 * else what went wrong.
 */
/** The receiver's host and port only: a webhook URL's user, path or query may be its secret. */
function serverOf(url: string): Attributes {
  try {
    const { hostname, port, protocol } = new URL(url);
    return { 'server.address': hostname, 'server.port': Number(port || (protocol === 'https:' ? 443 : 80)) };
  } catch {
    return {};
  }
}

export function tracedDelivery(
  url: string,
  eventId: string,
  attempt: number,
  deliver: () => Promise<string | undefined>,
): Promise<string | undefined> {
  const tracer = facadeTracer();
  if (!tracer) return deliver();
  const poll = pollOfEvent.get(eventId);
  return tracer.startActiveSpan(
    'webhook POST',
    {
      kind: SpanKind.CLIENT,
      root: true,
      links: poll ? [poll] : [],
      attributes: {
        'http.request.method': 'POST',
        ...serverOf(url),
        'youmi.change.event_id': eventId,
        'youmi.webhook.attempt': attempt,
      },
    },
    async (span) => {
      try {
        const failure = await deliver();
        const status = /^HTTP (\d{3})$/.exec(failure ?? '');
        if (status) span.setAttribute('http.response.status_code', Number(status[1]));
        if (failure !== undefined) {
          span.setAttribute('error.type', status ? status[1] : 'delivery');
          span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
        }
        return failure;
      } finally {
        span.end();
      }
    },
  );
}
