import { recordDrift } from '../../test/drift.recorder';
import { readQrCodeUrl } from './qr-code-url.parser';

describe('readQrCodeUrl', () => {
  it.each([
    ['http', 'http://7nimg.agsoft.net/qr.png', 'http://7nimg.agsoft.net/qr.png', []],
    ['https', 'https://example.com/qr.png', 'https://example.com/qr.png', []],
    ['upper-case scheme', 'HTTPS://example.com/qr.png', 'HTTPS://example.com/qr.png', []],
    ['surrounding whitespace is trimmed', ' http://example.com/qr.png ', 'http://example.com/qr.png', []],
    ['the seed placeholder', '二维码', null, [['ad_wechat_qrcode', 'unparseable']]],
    ['another scheme', 'ftp://example.com/qr.png', null, [['ad_wechat_qrcode', 'unparseable']]],
    ['a scheme-relative URL', '//example.com/qr.png', null, [['ad_wechat_qrcode', 'unparseable']]],
    ['javascript:', 'javascript:alert(1)', null, [['ad_wechat_qrcode', 'unparseable']]],
    ['a bare scheme', 'http://', null, [['ad_wechat_qrcode', 'unparseable']]],
    ['empty text', '', null, []],
    ['null', null, null, []],
    ['absent', undefined, null, []],
    ['a number', 42, null, [['ad_wechat_qrcode', 'wrong-type']]],
  ])('%s', (_what, value, expected, drift) => {
    const recorder = recordDrift();
    expect(readQrCodeUrl(value, 'ad_wechat_qrcode', { endpoint: 'WeCaht', sink: recorder.sink })).toBe(
      expected,
    );
    expect(recorder.pairs()).toEqual(drift);
  });
});
