import { createHmac } from 'node:crypto';
import { displayUrl } from './webhook-url';
import { WebhookSigner } from './webhook-signer';

describe('displayUrl', () => {
  it.each([
    ['http://hooks.internal/youmi', 'http://hooks.internal/youmi'],
    ['https://user:pa55@hooks.internal/x', 'https://user:***@hooks.internal/x'],
    ['https://hooks.internal/x?token=abc&token=def&v=2', 'https://hooks.internal/x?token=***&v=***'],
  ])('%s shows as %s', (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });
});

describe('WebhookSigner', () => {
  it('signs id.timestamp.body with the Base64 key after whsec_, as Standard Webhooks specifies', () => {
    const key = Buffer.alloc(32, 9);
    const at = new Date(1764230400123);
    const signed = new WebhookSigner(`whsec_${key.toString('base64')}`).sign(
      '1764230400000-0',
      '{"a":1}',
      at,
    );
    const expected = createHmac('sha256', key).update(`1764230400000-0.1764230400.{"a":1}`).digest('base64');
    expect(signed.headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': '1764230400000-0',
      'webhook-timestamp': '1764230400',
      'webhook-signature': `v1,${expected}`,
    });
  });
});
