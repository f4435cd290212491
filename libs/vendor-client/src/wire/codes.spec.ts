import { describeVendorCode } from './codes';

describe('describeVendorCode', () => {
  it.each([
    [10003, 'access token expired'],
    [200015, 'business error'],
    [42, 'undocumented code'],
  ])('%d → %s', (code, meaning) => expect(describeVendorCode(code)).toBe(meaning));
});
