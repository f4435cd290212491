import fc from 'fast-check';
import type {
  CustomAttribute,
  DriftRecord,
  DriftSink,
  LabelCategory,
  LabelTreeNode,
} from '@youmi-facade/domain';
import { DEPRECATED_FIELDS, VENDOR_ENDPOINTS } from '@youmi-facade/vendor-client/wire';
import {
  buildResource,
  mapAdGroups,
  mapCustomAttributes,
  mapLabelCategories,
  mapLabels,
  mapOperatorAccounts,
  mapStaffAssignments,
  mapStaffList,
  mapStaffOperatorAccounts,
} from './index';
import type { Check } from '../test/domain.schema';
import {
  adGroupSchema,
  customAttributeSchema,
  deepKeys,
  driftRecordSchema,
  labelCategorySchema,
  labelSchema,
  labelTreeNodeSchema,
  operatorAccountSchema,
  problemsOf,
  staffAssignmentSchema,
  staffOperatorAccountSchema,
  staffSchema,
} from '../test/domain.schema';
import { hostileValue, hostileValues } from '../test/hostile-record.arbitrary';
import {
  SEED_AD_GROUPS_RESPONSE,
  SEED_CUSTOM_ATTRIBUTES_RESPONSE,
  SEED_LABEL_CATEGORIES_RESPONSE,
  SEED_LABELS_RESPONSE,
  SEED_OPERATOR_ACCOUNTS_RESPONSE,
  SEED_STAFF_RESPONSE,
  SEED_STAFF_WECHAT_RESPONSE,
} from '../test/seed-records';

/** The label builders over raw vendor values, each answer mapped as the resources map it. */
const categoriesOf = (categories: unknown, labels: unknown, sink: DriftSink) =>
  buildResource('label-categories', [categories, labels], sink);
const treeOf = (categories: unknown, labels: unknown, sink: DriftSink) =>
  buildResource('label-tree', [categories, labels], sink);

// `npm run mutate` lowers the cases per property (PROPERTY_RUNS) so that a run over ~1,000 mutants fits two
// cores.
const RUNS = { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 150) };
const DEPRECATED = new Set(Object.values(DEPRECATED_FIELDS).flat());
const PATHS = new Set<string>(Object.values(VENDOR_ENDPOINTS).map((e) => e.path));

/** Runs a mapper and checks what must hold for any input: the domain type, clean keys, valid drift. */
function checkTotal<T>(map: (sink: DriftSink) => T[], schema: Check): { output: T[]; drift: DriftRecord[] } {
  const drift: DriftRecord[] = [];
  const output = map((r) => drift.push(r));
  expect(Array.isArray(output)).toBe(true);
  for (const item of output) expect(problemsOf(schema, item)).toEqual([]);
  for (const key of deepKeys(output)) {
    expect(key).not.toContain('_');
    expect(DEPRECATED.has(key)).toBe(false);
  }
  for (const record of drift) {
    expect(problemsOf(driftRecordSchema, record)).toEqual([]);
    expect(PATHS.has(record.endpoint)).toBe(true);
  }
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  return { output, drift };
}

/** The same input gives the same output and the same drift: the mappers are pure. */
function expectPure(run: (sink: DriftSink) => unknown): void {
  const first: DriftRecord[] = [];
  const second: DriftRecord[] = [];
  expect(JSON.stringify(run((r) => second.push(r)))).toBe(JSON.stringify(run((r) => first.push(r))));
  expect(second).toEqual(first);
}

const LIST_MAPPERS: [
  string,
  (values: unknown, sink: (r: DriftRecord) => void) => unknown[],
  readonly object[],
  Check,
][] = [
  ['mapOperatorAccounts', mapOperatorAccounts, SEED_OPERATOR_ACCOUNTS_RESPONSE.values, operatorAccountSchema],
  ['mapStaffList', mapStaffList, SEED_STAFF_RESPONSE.values, staffSchema],
  [
    'mapStaffOperatorAccounts',
    mapStaffOperatorAccounts,
    SEED_STAFF_WECHAT_RESPONSE.values,
    staffOperatorAccountSchema,
  ],
  ['mapStaffAssignments', mapStaffAssignments, SEED_STAFF_WECHAT_RESPONSE.values, staffAssignmentSchema],
  ['mapLabelCategories', mapLabelCategories, SEED_LABEL_CATEGORIES_RESPONSE.values, labelCategorySchema],
  ['mapLabels', mapLabels, SEED_LABELS_RESPONSE.values, labelSchema],
  ['mapAdGroups', mapAdGroups, SEED_AD_GROUPS_RESPONSE.values, adGroupSchema],
  ['mapCustomAttributes', mapCustomAttributes, SEED_CUSTOM_ATTRIBUTES_RESPONSE.values, customAttributeSchema],
];

describe.each(LIST_MAPPERS)('%s, for any vendor answer', (_name, map, seeds, schema) => {
  it('never throws, and answers the domain type with clean keys and valid drift', () => {
    fc.assert(
      fc.property(hostileValues(seeds), (values) => {
        checkTotal((sink) => map(values, sink), schema);
      }),
      RUNS,
    );
  });

  it('is pure', () => {
    fc.assert(
      fc.property(hostileValues(seeds), (values) => expectPure((sink) => map(values, sink))),
      { numRuns: Math.ceil(RUNS.numRuns / 3) },
    );
  });

  it('survives completely arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
        (values) => {
          checkTotal((sink) => map(values, sink), schema);
        },
      ),
      RUNS,
    );
  });

  it('keeps every honest record and records nothing for it', () => {
    const drift: DriftRecord[] = [];
    const honest = seeds.filter((s) => !JSON.stringify(s).includes('二维码'));
    expect(map(honest, (r) => drift.push(r))).toHaveLength(honest.length);
    expect(drift).toEqual([]);
  });
});

describe('mapCustomAttributes cross-field rules, for any answer', () => {
  it('options only for select types, dateFormat only for date', () => {
    fc.assert(
      fc.property(hostileValues(SEED_CUSTOM_ATTRIBUTES_RESPONSE.values), (values) => {
        const { output } = checkTotal<CustomAttribute>(
          (sink) => mapCustomAttributes(values, sink),
          customAttributeSchema,
        );
        for (const attribute of output) {
          if (attribute.type === 'text' || attribute.type === 'date') expect(attribute.options).toEqual([]);
          if (attribute.type !== 'date') expect(attribute.dateFormat).toBeNull();
        }
      }),
      RUNS,
    );
  });
});

describe('the label builders, for any two answers', () => {
  const categoryValues = hostileValues(SEED_LABEL_CATEGORIES_RESPONSE.values);
  const labelValues = hostileValues(SEED_LABELS_RESPONSE.values);

  it('buildLabelCategories: unique ids ascending, every category a label mentions included', () => {
    fc.assert(
      fc.property(categoryValues, labelValues, (categories, labels) => {
        const { output } = checkTotal<LabelCategory>(
          (sink) => categoriesOf(categories, labels, sink),
          labelCategorySchema,
        );
        const ids = output.map((c) => c.id);
        expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
        for (const label of mapLabels(labels, () => undefined)) expect(ids).toContain(label.categoryId);
      }),
      RUNS,
    );
  });

  it('buildLabelTree: categories and labels ascending, every label placed once', () => {
    fc.assert(
      fc.property(categoryValues, labelValues, (categories, labels) => {
        const { output } = checkTotal<LabelTreeNode>(
          (sink) => treeOf(categories, labels, sink),
          labelTreeNodeSchema,
        );
        const ids = output.map((n) => n.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        for (const node of output) {
          const labelIds = node.labels.map((l) => l.id);
          expect(labelIds).toEqual([...labelIds].sort((a, b) => a - b));
        }
        const placed = output.reduce((n, node) => n + node.labels.length, 0);
        expect(placed).toBe(mapLabels(labels, () => undefined).length);
        expectPure((sink) => treeOf(categories, labels, sink));
      }),
      RUNS,
    );
  });
});

describe('any single field value', () => {
  it('never reaches the output under a vendor name or prototype key', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const record = {
          ...SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0],
          ad_wechat_nickname: value,
          imei: value,
        };
        checkTotal((sink) => mapOperatorAccounts([record], sink), operatorAccountSchema);
      }),
      RUNS,
    );
  });
});
