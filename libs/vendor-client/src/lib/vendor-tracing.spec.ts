import { spanUrl } from './vendor-tracing';

describe('spanUrl', () => {
  it('keeps scheme, host and path, never the query or credentials', () => {
    expect(spanUrl('http://user:pw@vendor.test:5001/publicapi/v1/GetAccessToken?format=json')).toEqual({
      'url.full': 'http://vendor.test:5001/publicapi/v1/GetAccessToken',
      'server.address': 'vendor.test',
      'server.port': 5001,
    });
  });

  it('knows the default ports', () => {
    expect(spanUrl('https://vendor.test/publicapi/v1/staff')['server.port']).toBe(443);
    expect(spanUrl('http://vendor.test/publicapi/v1/staff')['server.port']).toBe(80);
  });
});
