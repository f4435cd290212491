import { readChangeStream, type StreamConnection } from './change-stream';

const event = (id: string) => ({
  id,
  type: 'staff.updated',
  resource: 'staff',
  key: 'b01',
  occurredAt: '2026-12-04T00:00:00.000Z',
  data: null,
});

/** A connection whose fetch answers the given responses in turn, recording the Last-Event-ID it was sent. */
function connection(answers: (() => Response)[]) {
  const sent: (string | undefined)[] = [];
  const fetch = (async (_url: string, init?: RequestInit) => {
    sent.push((init?.headers as Record<string, string>)['last-event-id']);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as typeof globalThis.fetch;
  const stream: StreamConnection = {
    url: 'http://facade.test/v1/changes/stream',
    headers: {},
    fetch,
    refused: async (response) =>
      Object.assign(new Error(`refused ${response.status}`), { status: response.status }),
  };
  return { stream, sent };
}

const events =
  (...ids: string[]) =>
  () =>
    new Response(
      ids.map((id) => `id: ${id}\nevent: staff.updated\ndata: ${JSON.stringify(event(id))}\n\n`).join(''),
      { headers: { 'content-type': 'text/event-stream' } },
    );
const badCursor = () =>
  new Response('{"status":400}', { status: 400, headers: { 'content-type': 'application/problem+json' } });

describe('readChangeStream', () => {
  it('tries again when an id it had from the feed is refused on reconnect (the feed is being written back)', async () => {
    const { stream, sent } = connection([events('1-0'), badCursor, badCursor, events('2-0')]);
    const ids: string[] = [];
    for await (const e of readChangeStream(stream, { reconnectMs: 1 })) {
      ids.push(e.id);
      if (ids.length === 2) break;
    }
    expect(ids).toEqual(['1-0', '2-0']);
    expect(sent).toEqual([undefined, '1-0', '1-0', '1-0']);
  });

  it('throws a refused cursor the caller gave, at once', async () => {
    const { stream } = connection([badCursor]);
    await expect(
      readChangeStream(stream, { lastEventId: 'made-up', reconnectMs: 1 }).next(),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('throws when the id it had stays refused for 30 s', async () => {
    let now = 1_000_000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const { stream } = connection([events('1-0'), badCursor, () => ((now += 30_000), badCursor())]);
      const reading = readChangeStream(stream, { reconnectMs: 1 });
      expect((await reading.next()).value).toMatchObject({ id: '1-0' });
      await expect(reading.next()).rejects.toMatchObject({ status: 400 });
    } finally {
      clock.mockRestore();
    }
  });
});
