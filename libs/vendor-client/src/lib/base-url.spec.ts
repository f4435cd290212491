import { joinVendorUrl, parseBaseUrl } from './base-url';

describe('joinVendorUrl', () => {
  it.each([
    ['http://h:5001/publicapi/v1/', 'WeCaht', 'http://h:5001/publicapi/v1/WeCaht'],
    ['http://h:5001/publicapi/v1', 'WeCaht', 'http://h:5001/publicapi/v1/WeCaht'],
    ['http://h:5001/publicapi/v1/', '/Label', 'http://h:5001/publicapi/v1/Label'],
    ['http://h:5001/publicapi/v1/', '//Label', 'http://h:5001/publicapi/v1/Label'],
    [
      'http://h:5001/publicapi/v1',
      'friend/GetCustomAttributeList',
      'http://h:5001/publicapi/v1/friend/GetCustomAttributeList',
    ],
    [
      'https://h/publicapi/v1/',
      'GetAccessToken?format=json',
      'https://h/publicapi/v1/GetAccessToken?format=json',
    ],
  ])('%s + %s', (base, path, expected) => expect(joinVendorUrl(base, path)).toBe(expected));

  it('keeps the vendor spelling and adds only defined query parameters', () => {
    expect(joinVendorUrl('http://h/publicapi/v1', 'wecahtlabel', { categories: 189, other: undefined })).toBe(
      'http://h/publicapi/v1/wecahtlabel?categories=189',
    );
  });
});

describe('parseBaseUrl', () => {
  it.each(['http://h:5001/publicapi/v1/', 'https://h/publicapi/v1'])('accepts %s', (base) => {
    expect(parseBaseUrl(base).href).toBe(new URL(base).href);
  });

  it.each(['ftp://h/publicapi/v1/', 'file:///publicapi/v1/', 'ws://h/publicapi/v1/'])(
    'refuses %s',
    (base) => {
      expect(() => parseBaseUrl(base)).toThrow(new TypeError('baseUrl must be http(s)'));
    },
  );
});
