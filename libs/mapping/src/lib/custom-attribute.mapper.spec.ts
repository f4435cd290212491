import type { CustomAttribute } from '@youmi-facade/domain';
import { DEPRECATED_FIELDS } from '@youmi-facade/vendor-client/wire';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_CUSTOM_ATTRIBUTES_RESPONSE } from '../../test/seed-records';
import { compareCustomAttributes, mapCustomAttribute, mapCustomAttributes } from './custom-attribute.mapper';

const [TEXT, MULTI, DATE] = SEED_CUSTOM_ATTRIBUTES_RESPONSE.values;
const OPTIONS = [
  { label: '足球', value: '1' },
  { label: '篮球', value: '2' },
  { label: '游泳', value: '3' },
];

function map(base: object, field: string, value: unknown) {
  const recorder = recordDrift();
  const attribute = mapCustomAttribute(withField(base, field, value), recorder.sink);
  return { attribute, drift: recorder.pairs() };
}

type Row = [string, object, string, unknown, (a: CustomAttribute) => unknown, unknown, [string, string][]];

describe('mapCustomAttribute field rules', () => {
  it.each<Row>([
    ['id: sent as a string', TEXT, 'id', '15', (a) => a.id, 15, []],
    ['id: a number', TEXT, 'id', 15, (a) => a.id, 15, []],
    ['name', TEXT, 'customName', '住址', (a) => a.name, '住址', []],
    ['name: null is empty text', TEXT, 'customName', null, (a) => a.name, '', [['customName', 'wrong-type']]],
    ['type: 1', TEXT, 'customType', 1, (a) => a.type, 'text', []],
    ['type: 2', TEXT, 'customType', 2, (a) => a.type, 'date', []],
    ['type: 3', TEXT, 'customType', 3, (a) => a.type, 'single-select', []],
    ['type: 4', TEXT, 'customType', 4, (a) => a.type, 'multi-select', []],
    ['type: "4"', TEXT, 'customType', '4', (a) => a.type, 'multi-select', []],
    [
      'type: 5 is shown as text',
      TEXT,
      'customType',
      5,
      (a) => a.type,
      'text',
      [['customType', 'unparseable']],
    ],
    [
      'type: null is shown as text',
      TEXT,
      'customType',
      null,
      (a) => a.type,
      'text',
      [['customType', 'wrong-type']],
    ],
    ['required: false', TEXT, 'customIsred', false, (a) => a.required, false, []],
    ['required: true', TEXT, 'customIsred', true, (a) => a.required, true, []],
    ['required: 1', TEXT, 'customIsred', 1, (a) => a.required, true, []],
    ['required: 0', TEXT, 'customIsred', 0, (a) => a.required, false, []],
    [
      'required: null is false',
      TEXT,
      'customIsred',
      null,
      (a) => a.required,
      false,
      [['customIsred', 'wrong-type']],
    ],
    ['maxLength: 20', TEXT, 'customLength', 20, (a) => a.maxLength, 20, []],
    ['maxLength: "20"', TEXT, 'customLength', '20', (a) => a.maxLength, 20, []],
    ['maxLength: 0 is null', TEXT, 'customLength', 0, (a) => a.maxLength, null, []],
    ['maxLength: absent is null', TEXT, 'customLength', ABSENT, (a) => a.maxLength, null, []],
    ['maxLength: null', TEXT, 'customLength', null, (a) => a.maxLength, null, []],
    [
      'maxLength: text is null',
      TEXT,
      'customLength',
      'long',
      (a) => a.maxLength,
      null,
      [['customLength', 'unparseable']],
    ],
    [
      'maxLength: negative is null',
      TEXT,
      'customLength',
      -1,
      (a) => a.maxLength,
      null,
      [['customLength', 'unparseable']],
    ],
    ['sort', TEXT, 'sort', 3, (a) => a.sort, 3, []],
    ['sort: "3"', TEXT, 'sort', '3', (a) => a.sort, 3, []],
    ['sort: null is 0', TEXT, 'sort', null, (a) => a.sort, 0, [['sort', 'wrong-type']]],
    ['merchantId', TEXT, 'merchantId', '640462692', (a) => a.merchantId, '640462692', []],
    [
      'merchantId: a number keeps its text',
      TEXT,
      'merchantId',
      640462692,
      (a) => a.merchantId,
      '640462692',
      [['merchantId', 'wrong-type']],
    ],
    [
      'createdAt',
      TEXT,
      'customAddtime',
      '2019-08-09T15:42:30.946993+08:00',
      (a) => a.createdAt,
      '2019-08-09T07:42:30.946Z',
      [],
    ],
    [
      'createdAt: not a time',
      TEXT,
      'customAddtime',
      '2019年8月9日',
      (a) => a.createdAt,
      null,
      [['customAddtime', 'unparseable']],
    ],
    ['options: customValJsonStr', MULTI, 'customVal', null, (a) => a.options, OPTIONS, []],
    [
      'options: customVal when customValJsonStr is null',
      MULTI,
      'customValJsonStr',
      null,
      (a) => a.options,
      OPTIONS,
      [],
    ],
    [
      'options: customVal when customValJsonStr is absent',
      MULTI,
      'customValJsonStr',
      ABSENT,
      (a) => a.options,
      OPTIONS,
      [],
    ],
    [
      'options: customVal when customValJsonStr is empty',
      MULTI,
      'customValJsonStr',
      [],
      (a) => a.options,
      OPTIONS,
      [],
    ],
    [
      'options: none when both are empty',
      { ...MULTI, customVal: '[]' },
      'customValJsonStr',
      [],
      (a) => a.options,
      [],
      [],
    ],
    [
      'options: customValJsonStr as JSON text',
      MULTI,
      'customValJsonStr',
      MULTI.customVal,
      (a) => a.options,
      OPTIONS,
      [['customValJsonStr', 'wrong-type']],
    ],
    [
      'options: a malformed customVal',
      { ...MULTI, customValJsonStr: null },
      'customVal',
      '[{"key": ',
      (a) => a.options,
      [],
      [['customVal', 'malformed-json']],
    ],
    [
      'options: an empty customVal',
      { ...MULTI, customValJsonStr: null },
      'customVal',
      '',
      (a) => a.options,
      [],
      [],
    ],
    [
      'options: none at all',
      { ...MULTI, customValJsonStr: null },
      'customVal',
      null,
      (a) => a.options,
      [],
      [],
    ],
    [
      'options: a number value keeps its text',
      MULTI,
      'customValJsonStr',
      [{ key: '足球', value: 1 }],
      (a) => a.options,
      [{ label: '足球', value: '1' }],
      [['customValJsonStr[].value', 'wrong-type']],
    ],
    [
      'options: an item with a null value is skipped',
      MULTI,
      'customValJsonStr',
      [{ key: '足球', value: null }],
      (a) => a.options,
      [],
      [['customValJsonStr[].value', 'wrong-type']],
    ],
    [
      'options: an empty value is kept',
      MULTI,
      'customValJsonStr',
      [{ key: '足球', value: '' }],
      (a) => a.options,
      [{ label: '足球', value: '' }],
      [],
    ],
    [
      'options: an item without key is skipped',
      MULTI,
      'customValJsonStr',
      [{ value: '1' }, 'x'],
      (a) => a.options,
      [],
      [
        ['customValJsonStr[].key', 'wrong-type'],
        ['customValJsonStr[]', 'wrong-type'],
      ],
    ],
    [
      'options: an unknown key inside an item',
      MULTI,
      'customValJsonStr',
      [{ key: 'a', value: 'b', color: 'red' }],
      (a) => a.options,
      [{ label: 'a', value: 'b' }],
      [['customValJsonStr[].color', 'unknown-field']],
    ],
    [
      'options: [] for text, whatever is sent',
      TEXT,
      'customValJsonStr',
      MULTI.customValJsonStr,
      (a) => a.options,
      [],
      [],
    ],
    ['options: [] for date, whatever is sent', DATE, 'customVal', 'not even JSON', (a) => a.options, [], []],
    ['options: single-select', { ...MULTI, customType: 3 }, 'sort', 1, (a) => a.options, OPTIONS, []],
    ['dateFormat: for date', DATE, 'customDateformat', 'YYYY-MM-DD', (a) => a.dateFormat, 'YYYY-MM-DD', []],
    ['dateFormat: empty is null', DATE, 'customDateformat', '', (a) => a.dateFormat, null, []],
    [
      'dateFormat: a number keeps its text',
      DATE,
      'customDateformat',
      8,
      (a) => a.dateFormat,
      '8',
      [['customDateformat', 'wrong-type']],
    ],
    ['dateFormat: null for text', TEXT, 'customDateformat', 'YYYY-MM-DD', (a) => a.dateFormat, null, []],
    [
      'dateFormat: null for multi-select',
      MULTI,
      'customDateformat',
      'YYYY-MM-DD',
      (a) => a.dateFormat,
      null,
      [],
    ],
  ])('%s', (_what, base, field, value, select, expected, drift) => {
    const { attribute, drift: actual } = map(base, field, value);
    expect(attribute).not.toBeNull();
    expect(select(attribute as CustomAttribute)).toEqual(expected);
    expect(actual).toEqual(drift);
  });

  it.each([
    ['text', 'abc', 'unparseable'],
    ['null', null, 'wrong-type'],
    ['absent', ABSENT, 'wrong-type'],
  ])('a record whose id is %s is unusable', (_what, value, kind) => {
    expect(map(TEXT, 'id', value)).toEqual({ attribute: null, drift: [['id', kind]] });
  });

  it.each(DEPRECATED_FIELDS.customAttributes.map((f) => [f]))(
    'deprecated %s is dropped silently',
    (field) => {
      const { attribute, drift } = map(TEXT, field, 'anything');
      expect(drift).toEqual([]);
      expect(JSON.stringify(attribute)).not.toContain('anything');
    },
  );

  it('an unknown field is dropped and recorded', () => {
    const recorder = recordDrift();
    mapCustomAttributes([{ ...TEXT, customTips: '请输入' }], recorder.sink);
    expect(recorder.records).toEqual([
      {
        endpoint: 'friend/GetCustomAttributeList',
        field: 'customTips',
        kind: 'unknown-field',
        sample: '请输入',
      },
    ]);
  });
});

describe('compareCustomAttributes', () => {
  it('orders by sort, then id', () => {
    const attributes = mapCustomAttributes(
      [
        { ...TEXT, id: '3', sort: 2 },
        { ...TEXT, id: '2', sort: 1 },
        { ...TEXT, id: '1', sort: 2 },
      ],
      () => undefined,
    );
    expect(attributes.sort(compareCustomAttributes).map((a) => a.id)).toEqual([2, 1, 3]);
  });
});
