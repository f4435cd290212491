import { formatVendorTime, vendorNow } from './vendor-time';

describe('vendor time', () => {
  const instant = Date.parse('2018-01-18T13:17:35.613Z');

  it('writes +08:00 local time with the asked number of fractional digits', () => {
    expect(formatVendorTime(instant, 0)).toBe('2018-01-18T21:17:35+08:00');
    expect(formatVendorTime(instant, 3)).toBe('2018-01-18T21:17:35.613+08:00');
    expect(formatVendorTime(instant, 6, '849')).toBe('2018-01-18T21:17:35.613849+08:00');
    expect(formatVendorTime(instant, 7)).toBe('2018-01-18T21:17:35.6130000+08:00');
  });

  it('msgTime has 7 fractional digits and names the same instant', () => {
    const now = Date.parse('2026-12-07T10:00:00.123Z');
    const text = vendorNow(now);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+08:00$/);
    expect(Math.abs(Date.parse(text) - now)).toBeLessThan(1);
  });
});
