import type { Label, LabelCategory } from '@youmi-facade/domain';
import { ABSENT, recordDrift, withField } from '../../test/drift.recorder';
import { SEED_LABEL_CATEGORIES_RESPONSE, SEED_LABELS_RESPONSE } from '../../test/seed-records';
import {
  buildLabelCategories,
  buildLabelTree,
  mapLabel,
  mapLabelAnswer,
  mapLabelCategories,
  mapLabelCategory,
  mapLabels,
} from './label.mapper';

const SEED_CATEGORY = SEED_LABEL_CATEGORIES_RESPONSE.values[0];
const SEED_LABEL = SEED_LABELS_RESPONSE.values[0];

describe('mapLabelCategory field rules', () => {
  it.each<[string, string, unknown, Partial<LabelCategory> | null, [string, string][]]>([
    ['id: a numeric string', 'ad_label_id', '263', { id: 263 }, []],
    ['id: not a number', 'ad_label_id', 'A', null, [['ad_label_id', 'unparseable']]],
    ['id: null', 'ad_label_id', null, null, [['ad_label_id', 'wrong-type']]],
    ['name', 'ad_label_name', 'B.客户来源', { name: 'B.客户来源' }, []],
    ['name: absent is empty text', 'ad_label_name', ABSENT, { name: '' }, [['ad_label_name', 'wrong-type']]],
    ['selection: 0', 'ad_choose', 0, { selection: 'single' }, []],
    ['selection: 1', 'ad_choose', 1, { selection: 'multiple' }, []],
    ['selection: "1"', 'ad_choose', '1', { selection: 'multiple' }, []],
    ['selection: 2 is single', 'ad_choose', 2, { selection: 'single' }, [['ad_choose', 'unparseable']]],
    ['selection: null is single', 'ad_choose', null, { selection: 'single' }, [['ad_choose', 'wrong-type']]],
  ])('%s', (_what, field, value, changed, drift) => {
    const recorder = recordDrift();
    const expected = changed && { id: 263, name: 'A.客户级别', selection: 'single', ...changed };
    expect(mapLabelCategory(withField(SEED_CATEGORY, field, value), recorder.sink)).toEqual(expected);
    expect(recorder.pairs()).toEqual(drift);
  });
});

describe('mapLabel field rules', () => {
  const seedLabel: Label = {
    id: 1158,
    name: '测试超长标签添加测试超长标签添加测试超长标签添加',
    categoryId: 189,
    createdAt: '2018-01-18T13:17:35.613Z',
    merchantId: null,
  };

  it.each<[string, string, unknown, Partial<Label> | null, [string, string][]]>([
    ['id: a numeric string', 'ad_label_info_id', '1158', { id: 1158 }, []],
    ['id: null', 'ad_label_info_id', null, null, [['ad_label_info_id', 'wrong-type']]],
    [
      'name: null is empty text',
      'ad_label_info_name',
      null,
      { name: '' },
      [['ad_label_info_name', 'wrong-type']],
    ],
    ['categoryId: sent as a string', 'ad_label_id', '189', { categoryId: 189 }, []],
    ['categoryId: not a number', 'ad_label_id', '职务', null, [['ad_label_id', 'unparseable']]],
    ['categoryId: absent', 'ad_label_id', ABSENT, null, [['ad_label_id', 'wrong-type']]],
    [
      'createdAt: no offset',
      'ad_label_time',
      '2018-01-18T21:17:35',
      { createdAt: '2018-01-18T13:17:35.000Z' },
      [],
    ],
    [
      'createdAt: not a time',
      'ad_label_time',
      '昨天',
      { createdAt: null },
      [['ad_label_time', 'unparseable']],
    ],
    ['merchantId', 'merchant_id', '640462692', { merchantId: '640462692' }, []],
    [
      'merchantId: a number keeps its text',
      'merchant_id',
      640462692,
      { merchantId: '640462692' },
      [['merchant_id', 'wrong-type']],
    ],
    ['merchantId: empty is null', 'merchant_id', '', { merchantId: null }, []],
    ['the category fields are read, but not for the label', 'ad_label_name', 42, {}, []],
  ])('%s', (_what, field, value, changed, drift) => {
    const recorder = recordDrift();
    const expected = changed && { ...seedLabel, ...changed };
    expect(mapLabel(withField(SEED_LABEL, field, value), recorder.sink)).toEqual(expected);
    expect(recorder.pairs()).toEqual(drift);
  });
});

describe('buildLabelCategories', () => {
  const label = (id: number, categoryId: unknown, name: unknown, choose: unknown) => ({
    ...SEED_LABEL,
    ad_label_info_id: id,
    ad_label_id: categoryId,
    ad_label_name: name,
    ad_choose: choose,
  });

  it('adds the categories only label rows mention, sorted by id', () => {
    const recorder = recordDrift();
    const categories = buildLabelCategories(
      [{ ad_label_id: 263, ad_label_name: 'A.客户级别', ad_choose: 0 }],
      [label(1, 189, '客户意向', 1), label(2, 1, '职务', 0)],
      recorder.sink,
    );
    expect(categories).toEqual([
      { id: 1, name: '职务', selection: 'single' },
      { id: 189, name: '客户意向', selection: 'multiple' },
      { id: 263, name: 'A.客户级别', selection: 'single' },
    ]);
    expect(recorder.records).toEqual([]);
  });

  it('a /Label category wins over what label rows say about it', () => {
    const categories = buildLabelCategories(
      [{ ad_label_id: 189, ad_label_name: '客户意向', ad_choose: 0 }],
      [label(1, '189', '旧名', 1)],
      () => undefined,
    );
    expect(categories).toEqual([{ id: 189, name: '客户意向', selection: 'single' }]);
  });

  it('a derived category is named from its lowest label id, whatever the row order', () => {
    const rows = [label(9, 5, '后', 1), label(3, 5, '先', 0), label(7, 5, '中', 1)];
    const expected = [{ id: 5, name: '先', selection: 'single' }];
    expect(buildLabelCategories(null, rows, () => undefined)).toEqual(expected);
    expect(buildLabelCategories(null, [...rows].reverse(), () => undefined)).toEqual(expected);
  });

  it('of rows with the same lowest label id, the first names the category', () => {
    const rows = [label(3, 5, '甲', 0), label(3, 5, '乙', 1)];
    expect(buildLabelCategories(null, rows, () => undefined)).toEqual([
      { id: 5, name: '甲', selection: 'single' },
    ]);
  });

  it('a derived category whose naming row has no name is named with empty text', () => {
    expect(buildLabelCategories(null, [label(1, 5, null, 1)], () => undefined)).toEqual([
      { id: 5, name: '', selection: 'multiple' },
    ]);
  });

  it('the first of a repeated /Label id wins', () => {
    const categories = buildLabelCategories(
      [
        { ad_label_id: 1, ad_label_name: 'first', ad_choose: 0 },
        { ad_label_id: 1, ad_label_name: 'second', ad_choose: 1 },
      ],
      [],
      () => undefined,
    );
    expect(categories).toEqual([{ id: 1, name: 'first', selection: 'single' }]);
  });

  it('records drift of /Label, of the labels and of the category fields of a naming row', () => {
    const recorder = recordDrift();
    buildLabelCategories(
      [{ ad_label_id: 'x' }],
      [{ ...label(1, 5, null, 9), ad_label_time: 'never' }],
      recorder.sink,
    );
    expect(recorder.records.map((r) => [r.endpoint, r.field, r.kind])).toEqual([
      ['Label', 'ad_label_id', 'unparseable'],
      ['wecahtlabel', 'ad_label_time', 'unparseable'],
      ['wecahtlabel', 'ad_label_name', 'wrong-type'],
      ['wecahtlabel', 'ad_choose', 'unparseable'],
    ]);
  });
});

describe('mapLabelAnswer', () => {
  const row = (id: number, categoryId: number, name: unknown, choose: unknown) => ({
    ...SEED_LABEL,
    ad_label_info_id: id,
    ad_label_id: categoryId,
    ad_label_name: name,
    ad_choose: choose,
  });

  it('reads the category fields of the naming row of each category only', () => {
    const recorder = recordDrift();
    const answer = mapLabelAnswer(
      [row(8, 5, null, 'x'), row(4, 5, '名', 1), row(6, 2, '乙', 0), row(9, 2, 42, null)],
      recorder.sink,
    );
    expect(answer.labels.map((label) => label.id)).toEqual([8, 4, 6, 9]);
    expect(answer.mentionedCategories).toEqual([
      { id: 2, name: '乙', selection: 'single' },
      { id: 5, name: '名', selection: 'multiple' },
    ]);
    expect(recorder.records).toEqual([]);
  });

  it('records the drift of a naming row once, with the labels', () => {
    const recorder = recordDrift();
    mapLabelAnswer([row(1, 5, 7, 3), { ...row(2, 5, '名', 0), extra: true }], recorder.sink);
    expect(recorder.pairs()).toEqual([
      ['extra', 'unknown-field'],
      ['ad_label_name', 'wrong-type'],
      ['ad_choose', 'unparseable'],
    ]);
  });
});

describe('buildLabelTree', () => {
  it('categories and their labels by id ascending, empty categories included, labels without categoryId', () => {
    const recorder = recordDrift();
    const tree = buildLabelTree(
      [{ ad_label_id: 263, ad_label_name: 'A.客户级别', ad_choose: 0 }],
      [
        { ...SEED_LABEL, ad_label_info_id: 20, ad_label_info_name: 'b', ad_label_time: null },
        { ...SEED_LABEL, ad_label_info_id: 10, ad_label_info_name: 'a', ad_label_time: null },
      ],
      recorder.sink,
    );
    expect(tree).toEqual([
      {
        id: 189,
        name: '客户意向',
        selection: 'single',
        labels: [
          { id: 10, name: 'a', createdAt: null, merchantId: null },
          { id: 20, name: 'b', createdAt: null, merchantId: null },
        ],
      },
      { id: 263, name: 'A.客户级别', selection: 'single', labels: [] },
    ]);
    expect(recorder.records).toEqual([]);
  });

  it('records the drift of the labels too', () => {
    const recorder = recordDrift();
    buildLabelTree([], [{ ...SEED_LABEL, ad_label_time: 'never', extra: 1 }], recorder.sink);
    expect(recorder.pairs()).toEqual([
      ['extra', 'unknown-field'],
      ['ad_label_time', 'unparseable'],
    ]);
  });

  it('lists answer empty for null values', () => {
    expect(buildLabelTree(null, null, () => undefined)).toEqual([]);
    expect(mapLabelCategories(null, () => undefined)).toEqual([]);
    expect(mapLabels(undefined, () => undefined)).toEqual([]);
  });
});
