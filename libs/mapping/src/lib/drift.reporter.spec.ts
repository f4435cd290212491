import { report, sampleOf } from './drift.reporter';

describe('sampleOf', () => {
  it.each([
    ['text', '添加时间', '添加时间'],
    ['a number', 1.5, '1.5'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    ['absent', undefined, '(absent)'],
    ['an object', { a: [1, 'x'] }, '{"a":[1,"x"]}'],
    ['a bigint', 10n, '10'],
    ['a symbol', Symbol('s'), '(symbol)'],
  ])('%s', (_what, value, sample) => expect(sampleOf(value)).toBe(sample));

  it('cuts long values to 80 characters', () => {
    expect(sampleOf('x'.repeat(1000))).toBe('x'.repeat(79) + '…');
    expect(sampleOf(Array.from({ length: 1000 }, (_, i) => i))).toHaveLength(80);
  });

  it('keeps a value of exactly 80 characters whole', () => {
    expect(sampleOf('x'.repeat(80))).toBe('x'.repeat(80));
  });

  // Characters 79 and 80 form the pair: the first and last high surrogates and one between.
  it.each(['\u{10000}', '😀', '\u{10FFFF}'])('drops %s whole when the cut would split it', (pair) => {
    expect(sampleOf('x'.repeat(78) + pair + 'y'.repeat(10))).toBe('x'.repeat(78) + '…');
  });

  it('never cuts a surrogate pair in half', () => {
    const sample = sampleOf('a' + '😀'.repeat(100));
    expect(sample.length).toBeLessThanOrEqual(80);
    const last = sample.charCodeAt(sample.length - 2);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    expect(encodeURIComponent(sample)).toBeTruthy(); // throws on a lone surrogate
  });

  it('survives values that cannot be serialised', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(sampleOf(circular)).toBe('(object)');
    expect(sampleOf({ big: 1n })).toBe('(object)');
    expect(
      sampleOf({
        toJSON: () => {
          throw new Error('no');
        },
      }),
    ).toBe('(object)');
    const circularList: unknown[] = [];
    circularList.push(circularList);
    expect(sampleOf(circularList)).toBe('(array)');
  });

  it('names an object that serialises to nothing', () => {
    expect(sampleOf({ toJSON: () => undefined })).toBe('(object)');
  });
});

describe('report', () => {
  it('hands the sink a complete record, with a long field name cut short', () => {
    const records: unknown[] = [];
    report({ endpoint: 'WeCaht', sink: (r) => records.push(r) }, 'k'.repeat(200), 'unknown-field', 1);
    expect(records).toEqual([
      { endpoint: 'WeCaht', field: 'k'.repeat(79) + '…', kind: 'unknown-field', sample: '1' },
    ]);
  });

  it('swallows a failing sink, so mapping stays total', () => {
    expect(() =>
      report(
        {
          endpoint: 'WeCaht',
          sink: () => {
            throw new Error('sink down');
          },
        },
        'f',
        'wrong-type',
        1,
      ),
    ).not.toThrow();
  });
});
