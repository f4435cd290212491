import fc from 'fast-check';
import { joinParts, partsOf } from './answer-parts';
import type { PollAnswer } from './detection-poller';

const patch = (added: unknown[]) => ({ refs: Int32Array.from(added, (_, i) => -i - 1), added });

function answerWith(readAdded: unknown[], resourceAdded: unknown[], texts: string[]): PollAnswer {
  return {
    reads: [
      { key: 'same', status: 'same' },
      { key: 'read', status: 'changed', patch: patch(readAdded), drift: [] },
      { key: 'down', status: 'failed', failure: 'timed out' },
    ],
    resources: [
      { name: 'labels', status: 'same' },
      {
        name: 'staff',
        status: 'changed',
        patch: patch(resourceAdded),
        addedTexts: texts,
        removedKeys: ['gone'],
      },
    ],
    staffCodesChanged: ['s1'],
    calls: [],
  };
}

describe('partsOf and joinParts', () => {
  it('cuts each long list into parts of at most the size and leaves it empty in the rest', () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ id: i }));
    const texts = records.map((record) => JSON.stringify(record));
    const { parts, rest } = partsOf(answerWith(records, records, texts), 3);

    expect(parts.map((part) => [part.outcome, part.field, part.items.length])).toEqual([
      [1, 'added', 3],
      [1, 'added', 3],
      [1, 'added', 1],
      [4, 'added', 3],
      [4, 'added', 3],
      [4, 'added', 1],
      [4, 'addedTexts', 3],
      [4, 'addedTexts', 3],
      [4, 'addedTexts', 1],
    ]);
    const [, read] = rest.reads;
    expect(read.status === 'changed' && read.patch.added).toEqual([]);
    expect(read.status === 'changed' && read.patch.refs.length).toBe(7);
    const [, resource] = rest.resources;
    expect(resource.status === 'changed' && [resource.patch.added, resource.addedTexts]).toEqual([[], []]);
    expect(resource.status === 'changed' && resource.removedKeys).toEqual(['gone']);
  });

  it('sends a list no longer than a part within the rest, and an answer with nothing long in one piece', () => {
    const answer = answerWith([{ id: 1 }], [1, 2, 3], ['1', '2', '3']);
    const { parts, rest } = partsOf(answer, 3);
    expect(parts).toEqual([]);
    expect(rest).toEqual(answer);
  });

  it('cuts a list of a whole number of parts into exactly that many', () => {
    const { parts } = partsOf(answerWith([1, 2, 3, 4, 5, 6], [], []), 3);
    expect(parts.map((part) => part.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('gives back the same answer for any lists and any part size', () => {
    const item = fc.oneof(fc.string(), fc.record({ id: fc.integer(), name: fc.string() }));
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.array(item, { maxLength: 40 }),
        fc.array(fc.string(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (readAdded, resourceAdded, texts, size) => {
          const answer = answerWith(readAdded, resourceAdded, texts);
          const { parts, rest } = partsOf(structuredClone(answer), size);
          expect(parts.every((part) => part.items.length <= size)).toBe(true);
          expect(joinParts(structuredClone(rest), structuredClone(parts))).toEqual(answer);
        },
      ),
    );
  });

  it('refuses a part for an outcome with no such list', () => {
    const { rest } = partsOf(answerWith([], [], []), 3);
    expect(() => joinParts(rest, [{ outcome: 0, field: 'added', items: [1] }])).toThrow(
      'part for outcome 0 has no added to fill',
    );
    expect(() => joinParts(rest, [{ outcome: 9, field: 'addedTexts', items: ['1'] }])).toThrow(
      'part for outcome 9 has no addedTexts to fill',
    );
  });
});
