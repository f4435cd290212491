import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUTH_CODES,
  CLOCK_CODES,
  describeVendorCode,
  SUCCESS_CODES,
  TOKEN_RENEWAL_CODES,
  VENDOR_CODE_TABLE,
  vendorCode,
} from './codes';

/** The rows of the vendor's table as the repository keeps it (docs/vendor-error-codes.md). */
function documentedRows(): { code: number; wording: string; meaning: string }[] {
  const text = readFileSync(join(__dirname, '../../../../docs/vendor-error-codes.md'), 'utf8');
  const table = text.slice(text.indexOf('| errmsg |')).split('\n\n')[0];
  return [...table.matchAll(/^\| (\d+) \| ([^|]+) \| ([^|]+) \|$/gm)].map(([, code, wording, meaning]) => ({
    code: Number(code),
    wording: wording.trim(),
    meaning: meaning.trim(),
  }));
}

describe('VENDOR_CODE_TABLE', () => {
  const rows = documentedRows();

  it('holds every documented code, and only those, in the documentation order', () => {
    expect(rows.length).toBe(30);
    expect(VENDOR_CODE_TABLE.map((entry) => entry.code)).toEqual(rows.map((row) => row.code));
  });

  it.each(rows)('$code has the vendor’s wording and documented meaning', (row) => {
    expect(vendorCode(row.code)).toEqual(expect.objectContaining({ ...row, documented: true }));
  });

  it('classes each code as the documentation reads', () => {
    expect(SUCCESS_CODES).toEqual([10004, 20000]);
    expect(TOKEN_RENEWAL_CODES).toEqual([10003, 10011]);
    expect(CLOCK_CODES).toEqual([10006, 200005]);
    expect(AUTH_CODES).toEqual([
      10003, 10005, 10006, 10011, 200001, 200002, 200003, 200004, 200005, 200006, 200007,
    ]);
    expect(vendorCode(200011).class).toBe('vendor-server');
    expect(vendorCode(200010).class).toBe('business');
    expect(vendorCode(200024).class).toBe('business');
  });

  it('reports an undocumented code as such, with its number', () => {
    expect(vendorCode(42)).toEqual({
      code: 42,
      documented: false,
      wording: null,
      meaning: 'undocumented code 42',
      class: 'undocumented',
    });
    expect(describeVendorCode(200025)).toBe('undocumented code 200025');
  });

  it.each([
    [200005, 'the request is more than 10 minutes old'],
    [200006, 'wrong signing key (the signature does not match the appkey)'],
    [200007, 'no AppId given'],
    [200010, 'no such staff code'],
    [200012, 'bad parameter'],
  ])('describes %d as %s', (code, meaning) => expect(describeVendorCode(code)).toBe(meaning));
});
