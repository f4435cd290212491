import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { problem, ProblemException } from '../problem/problem';
import { compareEventIds, type ChangeEvent, type ChangeResource } from './change-event';
import { ChangeMetrics } from './change-metrics';
import { CursorError, type EventFeedStore, type FeedPage } from './store/change-ports';
import { EVENT_FEED_STORE } from './store/change-ports.provider';
import type { ChangesPageDto } from './dto/change-event.dto';
import type { ChangesQueryDto } from './dto/changes-query.dto';

const HEARTBEAT_MS = 15_000;
const DEFAULT_LIMIT = 100;
const REPLAY_PAGE = 500;

/** Reads of the feed: pages by cursor, and live streams that resume after a cursor. */
@Injectable()
export class ChangeFeed {
  private readonly streams = new Set<{ complete(): void }>();

  constructor(
    @Inject(EVENT_FEED_STORE) private readonly store: EventFeedStore,
    private readonly metrics: ChangeMetrics,
  ) {}

  async list({ after, limit = DEFAULT_LIMIT, resource }: ChangesQueryDto): Promise<ChangesPageDto> {
    const page = await this.page(after, limit, resource);
    return { data: page.events, meta: { next: page.next, limit } };
  }

  async page(
    after: string | undefined,
    limit: number,
    resource: ChangeResource | undefined,
    cursorName = 'after',
  ): Promise<FeedPage> {
    try {
      return await this.store.read(after, limit, resource);
    } catch (error) {
      throw asProblem(error, cursorName);
    }
  }

  /**
   * The events after `after` (none without it), then every new one as this instance learns of it. Live
   * events are taken while the backlog is read, and each is sent once, in order.
   */
  async stream(after: string | undefined, cursorName: string): Promise<Observable<MessageEvent>> {
    if (after !== undefined) await this.page(after, 1, undefined, cursorName);
    return new Observable<MessageEvent>((subscriber) => {
      let last = after;
      let replaying = true;
      const waiting: ChangeEvent[] = [];
      const send = (event: ChangeEvent) => {
        if (last !== undefined && compareEventIds(event.id, last) <= 0) return;
        last = event.id;
        subscriber.next({ id: event.id, type: event.type, data: event });
      };
      const live = this.store.live.subscribe((event) => (replaying ? waiting.push(event) : send(event)));
      // A comment at once, so that the client has the headers without waiting for an event.
      subscriber.next({ comment: 'youmi-facade change stream' } as MessageEvent);
      const heartbeat = setInterval(
        () => subscriber.next({ comment: 'heartbeat' } as MessageEvent),
        HEARTBEAT_MS,
      );
      heartbeat.unref();
      const handle = { complete: () => subscriber.complete() };
      this.streams.add(handle);
      this.metrics.streamOpened();
      void (async () => {
        for (let cursor = after; cursor !== undefined;) {
          const page = await this.store.read(cursor, REPLAY_PAGE);
          for (const event of page.events) send(event);
          cursor = page.events.length === REPLAY_PAGE ? (page.next ?? undefined) : undefined;
        }
        replaying = false;
        for (const event of waiting.splice(0)) send(event);
      })().catch((error: unknown) => subscriber.error(error));
      return () => {
        live.unsubscribe();
        clearInterval(heartbeat);
        this.streams.delete(handle);
        this.metrics.streamClosed();
      };
    });
  }

  /** Ends every open stream (shutdown): clients reconnect elsewhere with their Last-Event-ID. */
  closeStreams(): void {
    for (const stream of [...this.streams]) stream.complete();
  }
}

function asProblem(error: unknown, cursorName: string): unknown {
  if (!(error instanceof CursorError)) {
    if (error instanceof ProblemException) return error;
    return new ProblemException(
      problem(
        503,
        'feed-unavailable',
        'The change feed cannot be read now: its store (Redis) does not answer. Try again shortly.',
      ),
      { 'retry-after': '5' },
    );
  }
  if (error.status === 410) return new ProblemException(problem(410, 'cursor-gone', error.message));
  const message = error.message.replace(/^after /, `${cursorName} `);
  return new ProblemException(
    problem(400, 'validation', `The request has 1 invalid parameter: ${cursorName}.`, {
      errors: [{ field: cursorName, message }],
    }),
  );
}
