import { createHmac } from 'node:crypto';
import { signatureBase64, vendorSignature, verifySignature } from './signature';

describe('signature', () => {
  const key = 'demo-secret';
  const message = 'demo-app' + 'nonce' + '1700000000';
  const base64 = createHmac('sha1', key).update(message).digest('base64');

  it('is Base64(HMAC-SHA1(appkey, message)), url-encoded', () => {
    expect(signatureBase64(key, message)).toBe(base64);
    expect(vendorSignature(key, message)).toBe(encodeURIComponent(base64));
    expect(base64).toHaveLength(28);
  });

  it('verifies upper-, lowercase-escaped and raw forms, and nothing else', () => {
    const upper = encodeURIComponent(base64);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    for (const form of [upper, lower, base64]) expect(verifySignature(key, message, form)).toBe(true);
    expect(verifySignature('other', message, upper)).toBe(false);
    expect(verifySignature(key, message + '1', upper)).toBe(false);
    expect(verifySignature(key, message, '')).toBe(false);
    expect(verifySignature(key, message, '%E0%A4%A')).toBe(false);
    expect(verifySignature(key, message, base64.slice(0, -1))).toBe(false);
  });
});
