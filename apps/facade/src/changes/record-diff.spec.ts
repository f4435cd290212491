import fc from 'fast-check';
import { compareEventIds } from './change-event';
import { diffSnapshots, diffValues, type Snapshot } from './record-diff';

const snapshot = (records: Record<string, unknown>): Snapshot =>
  new Map(Object.entries(records).map(([key, record]) => [key, JSON.stringify(record)]));

describe('diffSnapshots', () => {
  it('finds created, updated and deleted records, each once', () => {
    const before = snapshot({
      b01: { code: 'b01', name: '甲' },
      b02: { code: 'b02', name: '乙' },
      b03: { code: 'b03', name: '丙' },
    });
    const after = snapshot({
      b01: { code: 'b01', name: '甲' },
      b03: { code: 'b03', name: '丙二' },
      b04: { code: 'b04', name: '丁' },
    });
    expect(diffSnapshots(before, after)).toEqual([
      {
        kind: 'updated',
        key: 'b03',
        after: '{"code":"b03","name":"丙二"}',
        changes: [{ field: 'name', before: '丙', after: '丙二' }],
      },
      { kind: 'created', key: 'b04', after: '{"code":"b04","name":"丁"}' },
      { kind: 'deleted', key: 'b02' },
    ]);
  });

  it('with candidates, looks at those keys only and finds what they changed', () => {
    const before = snapshot({ b01: { name: '甲' }, b02: { name: '乙' }, b03: { name: '丙' } });
    const after = snapshot({ b01: { name: '甲一' }, b03: { name: '丙二' }, b04: { name: '丁' } });
    const found = diffSnapshots(before, after, { changed: ['b04', 'b03'], removed: ['b02', 'b09'] });
    // b01 changed too, but is not a candidate: the caller knows it is the same (here it is not, to show it).
    expect(found.map((change) => [change.kind, change.key])).toEqual([
      ['created', 'b04'],
      ['updated', 'b03'],
      ['deleted', 'b02'],
    ]);
  });

  it('finds the same changes with the candidates as without them, when they are the keys that differ', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 3 })),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 3 })),
        (was, now) => {
          const before = snapshot(Object.fromEntries(Object.entries(was).map(([k, v]) => [k, { v }])));
          const after = snapshot(Object.fromEntries(Object.entries(now).map(([k, v]) => [k, { v }])));
          const changed = [...after.keys()].filter((key) => before.get(key) !== after.get(key));
          const removed = [...before.keys()].filter((key) => !after.has(key));
          expect(diffSnapshots(before, after, { changed, removed })).toEqual(diffSnapshots(before, after));
        },
      ),
    );
  });

  it('sees an ad group gaining an operator account at the end of its list', () => {
    const group = {
      id: 3,
      name: '华东投放',
      code: 'AG03',
      merchantId: null,
      operatorAccountIds: [11, 12],
      accounts: [],
      region: null,
    };
    const grown = { ...group, operatorAccountIds: [11, 12, 13] };
    expect(diffSnapshots(snapshot({ 3: group }), snapshot({ 3: grown }))).toEqual([
      {
        kind: 'updated',
        key: '3',
        after: JSON.stringify(grown),
        changes: [{ field: 'operatorAccountIds', before: [11, 12], after: [11, 12, 13] }],
      },
    ]);
  });

  it('passes over a candidate that is not in the current snapshot', () => {
    const before = snapshot({ b01: { code: 'b01' } });
    expect(diffSnapshots(before, before, { changed: ['b09'], removed: [] })).toEqual([]);
  });

  it('sees no change between equal snapshots, nor in a different key order', () => {
    const records = { 1: { id: 1, a: 1, b: 2 } };
    expect(diffSnapshots(snapshot(records), snapshot(records))).toEqual([]);
    expect(diffSnapshots(snapshot(records), snapshot({ 1: { b: 2, id: 1, a: 1 } }))).toEqual([]);
  });
});

describe('diffValues', () => {
  it.each([
    ['a scalar', { n: 1 }, { n: 2 }, [{ field: 'n', before: 1, after: 2 }]],
    [
      'a nested field, dotted',
      { a: { push: true, call: false } },
      { a: { push: false, call: false } },
      [{ field: 'a.push', before: true, after: false }],
    ],
    [
      'two levels down',
      { a: { b: { c: 1 } } },
      { a: { b: { c: 2 } } },
      [{ field: 'a.b.c', before: 1, after: 2 }],
    ],
    ['an array, whole', { ids: [1, 2] }, { ids: [1, 3] }, [{ field: 'ids', before: [1, 2], after: [1, 3] }]],
    [
      'null to an object, whole',
      { region: null },
      { region: { code: '1' } },
      [{ field: 'region', before: null, after: { code: '1' } }],
    ],
    ['a field that appears', { a: 1 }, { a: 1, b: 'x' }, [{ field: 'b', before: null, after: 'x' }]],
    ['a field that goes', { a: 1, b: 'x' }, { a: 1 }, [{ field: 'b', before: 'x', after: null }]],
    ['null and absent alike', { a: null }, {}, []],
    ['absent and null alike', {}, { a: null }, []],
    ['an equal array', { ids: [{ x: 1 }] }, { ids: [{ x: 1 }] }, []],
    [
      'an array whose object changed one of its fields',
      { ids: [{ x: 1, y: 1 }] },
      { ids: [{ x: 1, y: 2 }] },
      [{ field: 'ids', before: [{ x: 1, y: 1 }], after: [{ x: 1, y: 2 }] }],
    ],
    [
      'an array grown by one item at its end',
      { ids: [7] },
      { ids: [7, 9] },
      [{ field: 'ids', before: [7], after: [7, 9] }],
    ],
    [
      'an array that lost its last item',
      { ids: [7, 9] },
      { ids: [7] },
      [{ field: 'ids', before: [7, 9], after: [7] }],
    ],
    [
      'an empty array that gains an item',
      { ids: [] },
      { ids: [7] },
      [{ field: 'ids', before: [], after: [7] }],
    ],
    [
      'an array grown by a null',
      { ids: [7] },
      { ids: [7, null] },
      [{ field: 'ids', before: [7], after: [7, null] }],
    ],
    [
      'a nested array grown at its end',
      { a: { ids: [[1]] } },
      { a: { ids: [[1, 2]] } },
      [{ field: 'a.ids', before: [[1]], after: [[1, 2]] }],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(diffValues(before, after)).toEqual(expected);
  });

  const json = fc.jsonValue({ maxDepth: 3 });
  const record = fc.dictionary(
    fc.string({ maxLength: 4 }).filter((k) => k !== '' && !k.includes('.')),
    json,
    { maxKeys: 5 },
  );

  it('finds nothing between a record and itself', () => {
    fc.assert(fc.property(record, (r) => diffValues(r, JSON.parse(JSON.stringify(r))).length === 0));
  });

  it('applying its changes to the record before gives the record after', () => {
    fc.assert(
      fc.property(record, record, (before, after) => {
        const patched = JSON.parse(JSON.stringify(before)) as Record<string, unknown>;
        for (const { field, after: value } of diffValues(before, after))
          setPath(patched, field.split('.'), value);
        expect(diffValues(patched, after)).toEqual([]);
      }),
    );
  });
});

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (target[head] === null || typeof target[head] !== 'object' || Array.isArray(target[head]))
    target[head] = {};
  setPath(target[head] as Record<string, unknown>, rest, value);
}

describe('compareEventIds', () => {
  it.each([
    ['1-0', '2-0', -1],
    ['10-0', '9-5', 1],
    ['5-10', '5-9', 1],
    ['5-1', '5-1', 0],
    ['0001-2', '1-2', 0],
  ])('%s against %s', (a, b, sign) => {
    expect(Math.sign(compareEventIds(a, b))).toBe(sign);
  });
});
