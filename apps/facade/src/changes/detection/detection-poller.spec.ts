import { buildResource } from '@youmi-facade/mapping';
import type { VendorClient, VendorResponse } from '@youmi-facade/vendor-client';
import { applyPatch } from './array-patch';
import { DetectionPoller, type PollAnswer, type ResourceOutcome } from './detection-poller';

type Row = { ad_staff_code: string; ad_staff_name: string; ad_staff_state: number; ad_new?: number };

/** A vendor answering the given staff rows, with the same values again while they do not change. */
function vendor(rows: () => Row[]) {
  let calls = 0;
  const client = {
    onCall: () => undefined,
    call: async (
      _endpoint: string,
      request: { previous?: Pick<VendorResponse<unknown>, 'values' | 'fingerprint'> },
    ) => {
      calls += 1;
      const values = rows().map((row) => ({ ...row }));
      const fingerprint = JSON.stringify(values);
      if (request.previous?.fingerprint === fingerprint)
        return { values: request.previous.values, fingerprint };
      return { values, fingerprint };
    },
  };
  return { client: client as unknown as VendorClient, calls: () => calls };
}

const row = (code: string, name: string): Row => ({
  ad_staff_code: code,
  ad_staff_name: name,
  ad_staff_state: 0,
});

/** What the answering thread rebuilds from the answers, as DetectionThread does. */
function follower() {
  let records: unknown[] | undefined;
  let texts: string[] | undefined;
  return (outcome: ResourceOutcome) => {
    if (outcome.status !== 'changed') return { records, texts };
    records = applyPatch(records, outcome.patch);
    texts = applyPatch(texts, { refs: outcome.patch.refs, added: outcome.addedTexts ?? [] });
    return { records, texts };
  };
}

const staffOf = (answer: PollAnswer) => answer.resources.find((r) => r.name === 'staff') as ResourceOutcome;
const built = (rows: Row[]) => buildResource('staff', [rows], () => undefined);

describe('DetectionPoller', () => {
  it('hands over only the records that changed, from which the whole list is rebuilt the same', async () => {
    let rows = [row('b01', '甲'), row('b02', '乙'), row('b03', '丙')];
    const { client } = vendor(() => rows);
    const poller = new DetectionPoller(client, ['staff']);
    const follow = follower();

    const first = staffOf(await poller.poll());
    expect(first.status === 'changed' && first.patch.added).toHaveLength(3);
    expect(first.status === 'changed' && first.removedKeys).toBeUndefined();
    follow(first);

    expect(staffOf(await poller.poll())).toEqual({ name: 'staff', status: 'same' });

    // One renamed, one gone, one new, and the order changed.
    rows = [row('b04', '丁'), row('b03', '丙'), row('b01', '甲一')];
    const second = staffOf(await poller.poll());
    if (second.status !== 'changed') throw new Error(`expected a change, got ${second.status}`);
    expect(second.addedTexts?.map((text) => JSON.parse(text).code).sort()).toEqual(['b01', 'b04']);
    expect(second.removedKeys).toEqual(['b02']);
    const rebuilt = follow(second);
    const expected = built(rows);
    expect(rebuilt.records).toEqual(expected);
    expect(rebuilt.texts).toEqual(expected.map((record) => JSON.stringify(record)));

    // Renamed where it stands.
    rows = [row('b04', '丁'), row('b03', '丙二'), row('b01', '甲一')];
    const third = staffOf(await poller.poll());
    if (third.status !== 'changed') throw new Error(`expected a change, got ${third.status}`);
    expect(third.patch.added).toEqual([expect.objectContaining({ code: 'b03', name: '丙二' })]);
    expect(follow(third).texts).toEqual(built(rows).map((record) => JSON.stringify(record)));
  });

  it('answers the same read unchanged, a changed one as a patch with its drift counted', async () => {
    let rows = [row('b01', '甲')];
    const { client } = vendor(() => rows);
    const poller = new DetectionPoller(client, ['staff']);
    await poller.poll();
    expect((await poller.poll()).reads.map((read) => read.status)).toEqual(['same']);
    rows = [
      { ...row('b01', '甲'), ad_new: 1 },
      { ...row('b02', '乙'), ad_new: 2 },
    ];
    const [read] = (await poller.poll()).reads;
    if (read.status !== 'changed') throw new Error(`expected a change, got ${read.status}`);
    expect(read.drift.map(([record, count]) => [record.field, record.kind, count])).toEqual([
      ['ad_new', 'unknown-field', 2],
    ]);
    expect(read.patch.added).toHaveLength(2);
  });

  it('fails the resources of a read that failed, with what the failure means', async () => {
    const client = {
      onCall: () => undefined,
      call: async () => {
        throw new Error('socket hang up');
      },
    } as unknown as VendorClient;
    const answer = await new DetectionPoller(client, ['staff']).poll();
    expect(answer.reads[0].status).toBe('failed');
    expect(staffOf(answer)).toEqual({ name: 'staff', status: 'failed' });
  });
});
