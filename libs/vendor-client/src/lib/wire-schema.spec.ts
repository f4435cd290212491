import { checkWireRecords } from './wire-schema';

describe('checkWireRecords (tolerant reader)', () => {
  it('accepts the documented shapes, numeric strings and deprecated fields alike', () => {
    const values = [
      { ad_staff_code: 'b01', ad_staff_name: 'b01', ad_staff_state: 1, ad_self_user: 'b08' },
      { ad_staff_code: 'b03', ad_staff_name: '张三', ad_staff_state: '0', ad_self_user: null },
    ];
    expect(checkWireRecords('staff', 'staff', values)).toEqual([]);
    expect(checkWireRecords('operatorAccounts', 'WeCaht', [{ ad_wechat_id: 1, ad_wechat_y3: true, ad_state: null }])).toEqual([]);
  });

  it('counts unknown fields and wrong types per field, with a short sample', () => {
    const values = [
      { ad_staff_code: 'b01', ad_staff_name: 'x', ad_staff_state: true, ad_staff_phone: '138' },
      { ad_staff_code: 7, ad_staff_name: 'y', ad_staff_state: false, ad_staff_phone: 'x'.repeat(500) },
    ];
    expect(checkWireRecords('staff', 'staff', values)).toEqual([
      { endpoint: 'staff', field: 'ad_staff_state', kind: 'wrong-type', sample: 'true', count: 2 },
      { endpoint: 'staff', field: 'ad_staff_phone', kind: 'unknown-field', sample: '138', count: 2 },
      { endpoint: 'staff', field: 'ad_staff_code', kind: 'wrong-type', sample: '7', count: 1 },
    ]);
  });

  it('reports values that are not a list, and items that are not records, without throwing', () => {
    expect(checkWireRecords('labels', 'wecahtlabel', { a: 1 })).toEqual([
      { endpoint: 'wecahtlabel', field: 'values', kind: 'wrong-type', sample: '{"a":1}', count: 1 },
    ]);
    expect(checkWireRecords('labels', 'wecahtlabel', [1, 'x', null])).toEqual([
      { endpoint: 'wecahtlabel', field: 'values[]', kind: 'wrong-type', sample: '1', count: 3 },
    ]);
  });
});
