import { createHmac } from 'node:crypto';
import { signedHeaders, vendorSignature } from './signing';

describe('vendorSignature', () => {
  it('matches a known answer computed apart from this code (Python hmac, base64, urllib.parse.quote)', () => {
    // AppId "wxapp1", Nonce "5f2b3c", Timestamp "1764230400", appkey "appkey-0123456789".
    expect(vendorSignature('appkey-0123456789', 'wxapp1' + '5f2b3c' + '1764230400')).toBe(
      'le27jmupHpmPIKTG%2FHvEP6%2FVVaE%3D',
    );
    expect(vendorSignature('k', 'm')).toBe('dytxyKKZfnaL4B2XEeSk80ok7zM%3D');
  });

  it('is UrlEncode(Base64(HMAC-SHA1(appkey, message)))', () => {
    const expected = createHmac('sha1', 'key')
      .update('app' + 'nonce' + '1700000000')
      .digest('base64');
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
    // Computed here with node:crypto, not with the module's own vendorSignature.
    const hmac = createHmac('sha1', 'key').update(`tok${a.Nonce}${a.Timestamp}`).digest('base64');
    expect(a.Signature).toBe(encodeURIComponent(hmac));
    expect(Object.keys(a).sort()).toEqual(['Nonce', 'Signature', 'Timestamp', 'access_token']);
  });
});
