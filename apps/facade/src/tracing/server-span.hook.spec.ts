import { requestAttributes, serverSpanName } from './server-span.hook';

describe('the server span', () => {
  it('is named by method and route template, or the method alone when no route matched', () => {
    expect(serverSpanName('GET', '/v1/staff/:code')).toBe('GET /v1/staff/:code');
    expect(serverSpanName('GET', undefined)).toBe('GET');
  });

  it('carries the path without its query, and no header but the user agent', () => {
    const attributes = requestAttributes({
      method: 'GET',
      url: '/v1/staff/A1?format=csv',
      id: 'req-1',
      ip: '10.0.0.7',
      protocol: 'http',
      route: '/v1/staff/:code',
      httpVersion: '1.1',
      userAgent: 'curl/8',
    });
    expect(attributes).toEqual({
      'http.request.method': 'GET',
      'url.path': '/v1/staff/A1',
      'url.scheme': 'http',
      'http.route': '/v1/staff/:code',
      'network.protocol.version': '1.1',
      'client.address': '10.0.0.7',
      'user_agent.original': 'curl/8',
      'youmi.request_id': 'req-1',
    });
  });
});
