import {
  CUSTOM_ATTRIBUTE_TYPES,
  DRIFT_KINDS,
  LABEL_SELECTIONS,
  OPERATOR_ACCOUNT_KINDS,
  STAFF_STATUSES,
} from '../index';

describe('domain enum value lists', () => {
  it.each([
    [
      'OPERATOR_ACCOUNT_KINDS',
      OPERATOR_ACCOUNT_KINDS,
      ['wechat', 'official-account', 'mini-program', 'wecom', 'unknown'],
    ],
    ['STAFF_STATUSES', STAFF_STATUSES, ['active', 'disabled']],
    ['LABEL_SELECTIONS', LABEL_SELECTIONS, ['single', 'multiple']],
    ['CUSTOM_ATTRIBUTE_TYPES', CUSTOM_ATTRIBUTE_TYPES, ['text', 'date', 'single-select', 'multi-select']],
    ['DRIFT_KINDS', DRIFT_KINDS, ['unknown-field', 'wrong-type', 'unparseable', 'malformed-json']],
  ] as const)('%s lists exactly the contract values, in order', (_name, actual, expected) => {
    expect([...actual]).toEqual([...expected]);
    expect(new Set(actual).size).toBe(actual.length);
  });

  it('values are kebab-case, as the API shows them', () => {
    for (const value of [
      ...OPERATOR_ACCOUNT_KINDS,
      ...STAFF_STATUSES,
      ...LABEL_SELECTIONS,
      ...CUSTOM_ATTRIBUTE_TYPES,
      ...DRIFT_KINDS,
    ]) {
      expect(value).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });
});
