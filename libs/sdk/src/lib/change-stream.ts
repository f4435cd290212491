import { createParser } from 'eventsource-parser';
import type { ChangeEventDto } from '../generated/facade-api';

export interface ChangeStreamOptions {
  /** Resume after this event (what the last run saw); absent: only events from now on. */
  lastEventId?: string;
  /** Ends the stream: the iteration returns. Breaking out of `for await` ends it too. */
  signal?: AbortSignal;
  /** The pause before reconnecting after the connection drops (default 1000 ms). */
  reconnectMs?: number;
}

export interface StreamConnection {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** Turns a refused connection (a 4xx or 5xx) into the error to throw. */
  refused(response: Response): Promise<Error>;
}

/**
 * The change feed's Server-Sent Events as typed events. A dropped connection is reopened with
 * `Last-Event-ID`, so no event is missed or repeated; a refusal (401, 400, 410 for a cursor gone) throws.
 */
export async function* readChangeStream(
  connection: StreamConnection,
  options: ChangeStreamOptions = {},
): AsyncGenerator<ChangeEventDto> {
  let last = options.lastEventId;
  const reconnectMs = options.reconnectMs ?? 1000;
  /** When the id this stream last had from the feed began to be refused (null while accepted). */
  let refusedSince: number | null = null;
  let heardFromFeed = false;
  while (!options.signal?.aborted) {
    const aborter = new AbortController();
    const stop = () => aborter.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      let response: Response;
      try {
        response = await connection.fetch(connection.url, {
          headers: {
            ...connection.headers,
            accept: 'text/event-stream',
            ...(last ? { 'last-event-id': last } : {}),
          },
          signal: aborter.signal,
        });
      } catch {
        if (options.signal?.aborted) return;
        // Not reachable now: try again after the pause.
        await pause(reconnectMs, options.signal);
        continue;
      }
      if (!response.ok || !response.body) {
        // 503 while an instance shuts down is worth another try. So is a 400 for an id this stream had
        // from the feed itself, for a while: the feed's store restarted and is being written back.
        refusedSince = response.status === 400 && heardFromFeed ? (refusedSince ?? Date.now()) : null;
        const catchingUp = refusedSince !== null && Date.now() - refusedSince < CURSOR_CATCH_UP_MS;
        if (response.status !== 503 && response.status !== 502 && !catchingUp)
          throw await connection.refused(response);
        await response.body?.cancel();
        await pause(reconnectMs, options.signal);
        continue;
      }
      refusedSince = null;
      const events: ChangeEventDto[] = [];
      const parser = createParser({
        onEvent: (message) => {
          if (message.id) {
            last = message.id;
            heardFromFeed = true;
          }
          events.push(JSON.parse(message.data) as ChangeEventDto);
        },
      });
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          parser.feed(decoder.decode(chunk, { stream: true }));
          while (events.length > 0) yield events.shift() as ChangeEventDto;
        }
      } catch {
        // The connection dropped (or was aborted): reconnect unless the caller stopped.
      }
      if (options.signal?.aborted) return;
      await pause(reconnectMs, options.signal);
    } finally {
      options.signal?.removeEventListener('abort', stop);
      aborter.abort();
    }
  }
}

/** How long a reconnect refused for an id the feed itself gave is tried again before it is thrown. */
const CURSOR_CATCH_UP_MS = 30_000;

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
