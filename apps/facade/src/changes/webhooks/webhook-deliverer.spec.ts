import { Logger } from '@nestjs/common';
import type { FacadeConfig } from '../../config/facade-config';
import type { ChangeEvent, NewChangeEvent } from '../change-event';
import type { ChangeMetrics } from '../change-metrics';
import { memoryChangePorts, type ChangePorts } from '../store/change-port-sets';
import { WebhookDeliverer } from './webhook-deliverer';
import type { WebhookPoster } from './webhook-poster';

const URL_A = 'https://receiver.example/hooks?token=secret';
const SHOWN_A = 'https://receiver.example/hooks?token=***';

function staffEvent(key: string): NewChangeEvent {
  return {
    type: 'staff.updated',
    resource: 'staff',
    key,
    occurredAt: '2026-12-01T08:00:00.000Z',
    data: { code: key },
  };
}

describe('WebhookDeliverer', () => {
  let ports: ChangePorts;
  let posted: string[];
  let answers: (string | undefined)[];
  let metrics: { delivery: jest.Mock; backlog: jest.Mock };
  let deliverer: WebhookDeliverer;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let commits = 0;

  /** Commits events as a detector would, each its own commit. */
  async function record(...keys: string[]): Promise<ChangeEvent[]> {
    const outcome = await ports.snapshots.commit({
      resource: 'staff',
      basedOn: commits === 0 ? undefined : String(commits),
      events: keys.map(staffEvent),
      upserts: [],
      deletes: [],
    });
    commits += 1;
    if (outcome.status !== 'committed') throw new Error(outcome.status);
    return outcome.events;
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00.000Z') });
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    ports = memoryChangePorts(100, Date.now);
    commits = 0;
    posted = [];
    answers = [];
    metrics = { delivery: jest.fn(), backlog: jest.fn() };
    const poster = {
      post: async (url: string, event: ChangeEvent) => {
        posted.push(`${url} ${event.key}`);
        return answers.shift();
      },
    };
    deliverer = new WebhookDeliverer(
      { webhookUrls: [URL_A], changesPollSeconds: 60 } as FacadeConfig,
      ports.lease,
      ports.feed,
      ports.positions,
      metrics as unknown as ChangeMetrics,
      poster as unknown as WebhookPoster,
    );
  });
  afterEach(async () => {
    await deliverer.stop();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('a URL new to the store receives the events recorded from then on, in order, and its position is kept', async () => {
    await record('b01');
    await ports.lease.lead();
    deliverer.start();
    await jest.advanceTimersByTimeAsync(10);
    const [second, third] = await record('b02', 'b03');
    await jest.advanceTimersByTimeAsync(10);

    expect(posted).toEqual([`${URL_A} b02`, `${URL_A} b03`]);
    expect((await ports.positions.load([URL_A])).get(URL_A)).toEqual({
      position: third.id,
      lastDeliveredAt: '2026-12-01T08:00:00.010Z',
      lastError: null,
      attempts: 0,
      nextAttemptAt: null,
    });
    expect(metrics.delivery.mock.calls).toEqual([
      [SHOWN_A, 'delivered'],
      [SHOWN_A, 'delivered'],
    ]);
    expect(metrics.backlog).toHaveBeenLastCalledWith(SHOWN_A, 0);
    expect((await deliverer.overview()).data).toEqual([
      expect.objectContaining({ url: SHOWN_A, position: third.id, backlog: 0, attempts: 0 }),
    ]);
    expect(second.id < third.id).toBe(true);
  });

  it('a refused event is tried again after a growing pause, and the events after it wait', async () => {
    await ports.lease.lead();
    deliverer.start();
    await jest.advanceTimersByTimeAsync(10);
    answers.push('HTTP 500', 'HTTP 503');
    const [first] = await record('b01', 'b02');
    await jest.advanceTimersByTimeAsync(10);

    expect(posted).toEqual([`${URL_A} b01`]);
    const [view] = (await deliverer.overview()).data;
    expect(view).toMatchObject({
      position: null,
      backlog: 2,
      attempts: 1,
      lastError: { at: '2026-12-01T08:00:00.010Z', message: `event ${first.id}: HTTP 500` },
      nextAttemptAt: '2026-12-01T08:00:02.510Z',
    });
    expect(warn).toHaveBeenCalledWith(
      `webhook ${SHOWN_A} refused event ${first.id} (HTTP 500); retrying with growing pauses`,
    );

    // A new event does not hurry the retry.
    await record('b03');
    await jest.advanceTimersByTimeAsync(2000);
    expect(posted).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(posted).toHaveLength(2);
    expect((await deliverer.overview()).data[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: expect.stringMatching(/^2026-12-01T08:00:0[78]/),
    });
    // Said once, not at every attempt.
    expect(warn.mock.calls.filter(([message]) => /refused/.test(message))).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(6000);
    expect(posted).toEqual([`${URL_A} b01`, `${URL_A} b01`, `${URL_A} b01`, `${URL_A} b02`, `${URL_A} b03`]);
    expect((await deliverer.overview()).data[0]).toMatchObject({ backlog: 0, attempts: 0 });
  });

  it('delivers nothing while another instance holds the lease, and shows the positions stored', async () => {
    const [event] = await record('b01');
    const stored = {
      position: event.id,
      lastDeliveredAt: '2026-12-01T07:00:00.000Z',
      lastError: null,
      attempts: 0,
      nextAttemptAt: null,
    };
    await ports.positions.save(URL_A, stored);
    deliverer.start();
    await record('b02');
    await jest.advanceTimersByTimeAsync(5000);

    expect(posted).toEqual([]);
    expect((await deliverer.overview()).data).toEqual([{ url: SHOWN_A, backlog: 1, ...stored }]);

    await ports.lease.lead();
    await jest.advanceTimersByTimeAsync(1000);
    expect(posted).toEqual([`${URL_A} b02`]);
  });

  it('having lost the lease, it takes up where the other instance left off when it leads again', async () => {
    await ports.lease.lead();
    deliverer.start();
    await jest.advanceTimersByTimeAsync(10);
    await record('b01');
    await jest.advanceTimersByTimeAsync(10);
    expect(posted).toEqual([`${URL_A} b01`]);

    ports.lease.lost();
    await jest.advanceTimersByTimeAsync(1000);
    // Meanwhile the other instance delivers b02.
    const [delivered] = await record('b02');
    const state = (await ports.positions.load([URL_A])).get(URL_A);
    if (!state) throw new Error('no position stored');
    await ports.positions.save(URL_A, { ...state, position: delivered.id });

    await ports.lease.lead();
    await record('b03');
    await jest.advanceTimersByTimeAsync(1000);
    expect(posted).toEqual([`${URL_A} b01`, `${URL_A} b03`]);
  });

  it('a position no longer in the feed goes on from the oldest event kept, and says what was lost', async () => {
    await ports.positions.save(URL_A, {
      position: '1764000000000-0',
      lastDeliveredAt: null,
      lastError: null,
      attempts: 0,
      nextAttemptAt: null,
    });
    await record('b01');
    await ports.lease.lead();
    deliverer.start();
    await jest.advanceTimersByTimeAsync(1010);

    expect(error).toHaveBeenCalledWith(
      `webhook ${SHOWN_A}: events after 1764000000000-0 are no longer kept; delivering from the oldest event kept`,
    );
    expect(posted).toEqual([`${URL_A} b01`]);
    expect((await deliverer.overview()).data[0].lastError).toEqual({
      at: '2026-12-01T08:00:00.000Z',
      message: 'events after 1764000000000-0 were dropped from the feed before delivery',
    });
  });
});
