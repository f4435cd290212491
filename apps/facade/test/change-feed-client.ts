import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

// What a consumer of the change feed does, written from the API's description alone: read the feed,
// follow the stream, receive webhooks and check their signatures.

export interface FeedEvent {
  id: string;
  type: string;
  resource: string;
  key: string;
  occurredAt: string;
  changes?: { field: string; before: unknown; after: unknown }[];
  data: unknown;
}

export interface FeedPage {
  data: FeedEvent[];
  meta: { next: string | null; limit: number };
}

/** Every event after `after`, page by page, and the cursor to read on from. */
export async function readFeed(
  origin: string,
  after?: string,
  headers: Record<string, string> = {},
): Promise<{ events: FeedEvent[]; next: string | null }> {
  const events: FeedEvent[] = [];
  let cursor = after;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { after: cursor } : {}) });
    const response = await fetch(`${origin}/v1/changes?${query}`, { headers });
    if (response.status !== 200)
      throw new Error(`GET /v1/changes answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as FeedPage;
    events.push(...page.data);
    if (page.data.length < 1000) return { events, next: page.meta.next };
    cursor = page.meta.next ?? undefined;
  }
}

/** Asks `read` until `done` holds; fails with the last value after `withinMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not within ${withinMs} ms; last: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An open Server-Sent Events stream, parsed as the EventSource specification reads it. */
export interface OpenStream {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** The events received, parsed. */
  events(): FeedEvent[];
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  if (response.body && response.status === 200) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      let message: SseMessage = {};
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let newline: number;
          while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
            if (line === '') {
              if (Object.keys(message).length > 0) messages.push(message);
              message = {};
              continue;
            }
            const colon = line.indexOf(':');
            const name = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === '') message.comment = value;
            else if (name === 'data')
              message.data = message.data === undefined ? value : `${message.data}\n${value}`;
            else if (name === 'id' || name === 'event') message[name] = value;
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return {
    status: response.status,
    headers: response.headers,
    messages,
    events: () =>
      messages.filter((m) => m.data !== undefined).map((m) => JSON.parse(m.data as string) as FeedEvent),
    close: () => controller.abort(),
  };
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/**
 * A webhook receiver: answers each POST with the next status of `answers` (then 204), and keeps every
 * request.
 */
export async function startReceiver(
  answers: number[] = [],
): Promise<{ url: string; deliveries: Delivery[]; stop: () => Promise<void>; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const answered = answers.shift() ?? 204;
      deliveries.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/youmi`,
    deliveries,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Checks a delivery's Standard Webhooks signature with the secret, as a receiver would (HMAC-SHA256 by hand).
 */
export function signatureIsValid(delivery: Delivery, secret: string): boolean {
  const id = delivery.headers['webhook-id'] as string;
  const timestamp = delivery.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${delivery.body}`).digest();
  return String(delivery.headers['webhook-signature'] ?? '')
    .split(' ')
    .some((signature) => {
      const [version, value] = signature.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}
