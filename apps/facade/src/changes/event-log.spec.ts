import type { ChangeEvent } from './change-event';
import { CursorError } from './store/change-ports';
import { EventLog, nextEventId } from './event-log';
import { retryPauseMs } from './webhooks/delivery-state';

const event = (id: string, resource: ChangeEvent['resource'] = 'staff'): ChangeEvent => ({
  id,
  type: `${resource}.updated`,
  resource,
  key: id,
  occurredAt: '2026-11-27T08:00:00.000Z',
  data: {},
});

function cursorError(read: () => unknown): CursorError {
  try {
    read();
  } catch (error) {
    if (error instanceof CursorError) return error;
    throw error;
  }
  throw new Error('expected a CursorError');
}

describe('EventLog', () => {
  it('keeps the newest `capacity` events, oldest first, and skips ones it holds already', () => {
    const log = new EventLog(3);
    expect(log.append([event('5-0'), event('5-1'), event('7-0')]).map((e) => e.id)).toEqual([
      '5-0',
      '5-1',
      '7-0',
    ]);
    expect(log.append([event('5-1'), event('8-0')]).map((e) => e.id)).toEqual(['8-0']);
    expect(log.all().map((e) => e.id)).toEqual(['5-1', '7-0', '8-0']);
    expect(log.oldest?.id).toBe('5-1');
  });

  it('reads after a cursor, a page at a time; next is the last event, or the cursor when nothing is new', () => {
    const log = new EventLog(10);
    log.append([event('1-0'), event('2-0', 'labels'), event('3-0'), event('10-0')]);
    expect(log.read(undefined, 2)).toEqual({ events: [event('1-0'), event('2-0', 'labels')], next: '2-0' });
    expect(log.read('2-0', 5).events.map((e) => e.id)).toEqual(['3-0', '10-0']);
    expect(log.read('10-0', 5)).toEqual({ events: [], next: '10-0' });
    expect(new EventLog(5).read(undefined, 5)).toEqual({ events: [], next: null });
    // A filtered page moves on past what it passed over.
    expect(log.read('2-0', 1, 'labels')).toEqual({ events: [], next: '10-0' });
  });

  it('refuses a malformed or unknown cursor (400) and one older than the oldest kept (410)', () => {
    const log = new EventLog(2);
    log.append([event('1-0'), event('2-0'), event('3-0')]);
    expect(cursorError(() => log.read('soon', 1)).status).toBe(400);
    expect(cursorError(() => log.read('2-5', 1)).status).toBe(400);
    expect(cursorError(() => log.read('99-0', 1)).status).toBe(400);
    expect(cursorError(() => log.read('1-0', 1)).status).toBe(410);
  });

  it('counts what follows a position, everything for none or one dropped', () => {
    const log = new EventLog(3);
    log.append([event('1-0'), event('2-0'), event('3-0'), event('4-0')]);
    expect(log.countAfter(null)).toBe(3);
    expect(log.countAfter('1-0')).toBe(3);
    expect(log.countAfter('3-0')).toBe(1);
    expect(log.countAfter('4-0')).toBe(0);
  });

  it('numbers events as Redis Streams do: a new millisecond starts at 0, the same one counts on', () => {
    expect(nextEventId(undefined, 1000)).toBe('1000-0');
    expect(nextEventId('1000-0', 1000)).toBe('1000-1');
    expect(nextEventId('1000-4', 999)).toBe('1000-5');
    expect(nextEventId('1000-4', 1001)).toBe('1001-0');
  });
});

describe('webhook retry pauses', () => {
  it('first within 5 s, doubling, never over 10 minutes, jittered down to half', () => {
    expect(retryPauseMs(1, () => 0.999)).toBeLessThanOrEqual(5000);
    expect(retryPauseMs(1, () => 0)).toBe(2500);
    expect(retryPauseMs(2, () => 0.999)).toBeLessThanOrEqual(10_000);
    expect(retryPauseMs(3, () => 0)).toBe(10_000);
    expect(retryPauseMs(30, () => 0.999)).toBeLessThanOrEqual(600_000);
    expect(retryPauseMs(30, () => 0)).toBe(300_000);
  });
});
