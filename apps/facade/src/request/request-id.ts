import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Any visible ASCII the client sends is echoed; control characters or an overlong id are replaced.
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * The request's id: X-Request-Id when it is sane, else a new UUID. Fastify takes it as `request.id`;
 * it is kept on the raw request too, where pino's request serializer reads it.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const known = (raw as WithId).id;
  if (known !== undefined) return known;
  const sent = raw.headers['x-request-id'];
  const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
  (raw as WithId).id = id;
  return id;
}
