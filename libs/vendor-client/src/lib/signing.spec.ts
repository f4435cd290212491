import { createHmac } from 'node:crypto';
import { signedHeaders, vendorSignature } from './signing';

describe('vendorSignature', () => {
  it('is UrlEncode(Base64(HMAC-SHA1(appkey, message)))', () => {
    const expected = createHmac('sha1', 'key').update('app' + 'nonce' + '1700000000').digest('base64');
    expect(decodeURIComponent(vendorSignature('key', 'appnonce1700000000'))).toBe(expected);
  });

  it('percent-encodes the base64 characters + / =', () => {
    const signatures = Array.from({ length: 200 }, (_, i) => vendorSignature('k', `m${i}`));
    expect(signatures.some((s) => s.includes('%'))).toBe(true);
    for (const s of signatures) expect(s).not.toMatch(/[+/=]/);
  });
});

describe('signedHeaders', () => {
  it('signs access_token + Nonce + Timestamp with a fresh nonce and a timestamp in seconds', () => {
    const a = signedHeaders('key', 'tok', 1_700_000_000_999);
    const b = signedHeaders('key', 'tok', 1_700_000_000_999);
    expect(a.Timestamp).toBe('1700000000');
    expect(a.Nonce).not.toBe(b.Nonce);
    expect(a.Signature).toBe(vendorSignature('key', 'tok' + a.Nonce + a.Timestamp));
  });
});
