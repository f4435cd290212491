import fc from 'fast-check';
import { DEPRECATED_FIELDS } from '@youmi-facade/vendor-client/wire';

/** Values no honest vendor sends, but a broken or hostile one might. */
const HUGE_TEXT = 'x'.repeat(200_000);
const HUGE_DIGITS = '9'.repeat(100_000);
const DEEP_ARRAY_JSON = '['.repeat(20_000) + ']'.repeat(20_000);
const DEEP_OBJECT_JSON = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
const POLLUTING_JSON = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}';

const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
];
const ALL_DEPRECATED = Object.values(DEPRECATED_FIELDS).flat();

const specialText = fc.constantFrom(
  HUGE_TEXT,
  HUGE_DIGITS,
  DEEP_ARRAY_JSON,
  DEEP_OBJECT_JSON,
  POLLUTING_JSON,
  `[${POLLUTING_JSON}]`,
  '',
  ' ',
  'null',
  '[]',
  '二维码',
  '添加时间',
  'NaN',
  '1e400',
  '-0',
  '0x10',
  '2018-02-30T10:00:00+08:00',
  '2018-01-18T21:17:35.613849+08:00',
  '9999-12-31T23:59:59.9999999-14:00',
  'javascript:alert(1)',
  'http://',
  'P05(dong23287),P04(',
  '\u0000\ud800',
  ...PROTOTYPE_KEYS,
);

/** JSON text shaped like the vendor's JSON-in-a-string fields, with anything inside. */
const jsonTextLikeTheVendors = fc
  .array(
    fc.record(
      {
        ad_wechat_nober: fc.oneof(fc.string(), fc.jsonValue()),
        ad_wechat_qrcode: fc.oneof(fc.webUrl(), fc.jsonValue()),
        key: fc.oneof(fc.string(), fc.jsonValue()),
        value: fc.oneof(fc.string(), fc.jsonValue()),
        ['__proto__']: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  )
  .map((items) => JSON.stringify(items));

/** Any value a field could hold. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.webUrl(),
  specialText,
  jsonTextLikeTheVendors,
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.jsonValue()), { maxLength: 5 }),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
);

const extraKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, ...ALL_DEPRECATED, 'ad_new_field'),
  fc.string({ maxLength: 200 }),
);

/** An own, enumerable property even for `__proto__`, as JSON.parse would make it. */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/**
 * A vendor record built from a real one: each field kept, replaced by a hostile value or left out, plus
 * unknown, deprecated and prototype-named extra fields.
 */
export function hostileRecordLike(seed: object): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.keys(seed);
  const seedValues = seed as Record<string, unknown>;
  return fc
    .tuple(
      fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant('keep' as const) },
          fc.constant('absent' as const),
          hostileValue,
        ),
        {
          minLength: fields.length,
          maxLength: fields.length,
        },
      ),
      fc.array(fc.tuple(extraKey, hostileValue), { maxLength: 4 }),
    )
    .map(([choices, extras]) => {
      const record: Record<string, unknown> = {};
      fields.forEach((field, i) => {
        const choice = choices[i];
        if (choice === 'absent') return;
        withOwn(record, field, choice === 'keep' ? seedValues[field] : choice);
      });
      for (const [key, value] of extras) withOwn(record, key, value);
      return record;
    });
}

/** A `values` list: mostly near-real records, sometimes anything at all. */
export function hostileValues(seeds: readonly object[]): fc.Arbitrary<unknown> {
  const record = fc.oneof(...seeds.map((seed) => hostileRecordLike(seed)));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: record }, hostileValue), { maxLength: 6 }),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
