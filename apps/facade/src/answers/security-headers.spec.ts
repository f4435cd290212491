import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('are helmet’s, with a CSP that lets Swagger UI run from /docs and no HSTS', () => {
    expect(securityHeaders()).toEqual({
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('are computed once and cannot be changed by whoever sends them', () => {
    expect(Object.isFrozen(securityHeaders())).toBe(true);
  });

  it('refuse a policy helmet cannot write instead of leaving it out', () => {
    expect(() =>
      securityHeaders({
        contentSecurityPolicy: { directives: { scriptSrc: [() => "'self'; script-src *"] } },
      }),
    ).toThrow(/script-src/);
  });

  it('follow the options given, helmet’s defaults included', () => {
    const headers = securityHeaders({});
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-powered-by']).toBeUndefined();
    expect(
      securityHeaders({
        frameguard: { action: 'deny' },
        referrerPolicy: { policy: ['no-referrer', 'strict-origin'] },
      }),
    ).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer,strict-origin',
    });
  });
});
