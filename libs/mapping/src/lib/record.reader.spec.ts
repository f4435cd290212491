import { recordDrift } from '../../test/drift.recorder';
import { isRecord, mapRecord, mapRecords } from './record.reader';

function context() {
  const recorder = recordDrift();
  return { recorder, ctx: { endpoint: 'WeCaht', sink: recorder.sink } };
}

const idOf = (raw: object) => (raw as { id?: number }).id ?? null;

describe('isRecord', () => {
  it.each([
    ['an object', { id: 1 }, true],
    ['an object without prototype', Object.create(null), true],
    ['null', null, false],
    ['absent', undefined, false],
    ['an array', [{ id: 1 }], false],
    ['text', '{"id":1}', false],
    ['a number', 1, false],
  ])('%s: %s', (_what, value, expected) => expect(isRecord(value)).toBe(expected));
});

describe('mapRecord', () => {
  it.each([
    ['null', null, 'null'],
    ['an array', [1], '[1]'],
    ['text', 'junk', 'junk'],
  ])('a record that is %s is recorded with its sample', (_what, raw, sample) => {
    const { recorder, ctx } = context();
    expect(mapRecord(raw, ctx, idOf)).toBeNull();
    expect(recorder.records).toEqual([{ endpoint: 'WeCaht', field: 'values[]', kind: 'wrong-type', sample }]);
  });

  it('a record the mapper cannot read is recorded, not thrown', () => {
    const { recorder, ctx } = context();
    const unreadable = () => {
      throw new Error('revoked');
    };
    expect(mapRecord({ id: 1 }, ctx, unreadable)).toBeNull();
    expect(recorder.records).toEqual([
      { endpoint: 'WeCaht', field: 'values[]', kind: 'wrong-type', sample: '(unreadable record)' },
    ]);
  });
});

describe('mapRecords', () => {
  it('a list that cannot be read to its end keeps the records before, and is recorded', () => {
    const values = [{ id: 1 }, { id: 2 }];
    Object.defineProperty(values, 1, {
      get() {
        throw new Error('revoked');
      },
    });
    const { recorder, ctx } = context();
    expect(mapRecords(values, ctx, idOf)).toEqual([1]);
    expect(recorder.records).toEqual([
      { endpoint: 'WeCaht', field: 'values', kind: 'wrong-type', sample: '(unreadable list)' },
    ]);
  });
});
