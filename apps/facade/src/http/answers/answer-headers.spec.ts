import { KEYED } from '../../access/access-rule';
import { baseHeaders, repeatedAnswerHeaders, servedHeaders } from './answer-headers';
import type { RenderedAnswer } from './rendered-answers';
import { securityHeaders } from './security-headers';

const answer: RenderedAnswer = {
  version: 'v1',
  body: Buffer.from('{}'),
  headers: Object.freeze({
    'content-type': 'application/json; charset=utf-8',
    etag: '"e"',
    'cache-control': 'private, no-cache',
    vary: 'Accept, Authorization, X-API-Key',
  }),
  etag: '"e"',
  freshUntil: 0,
  route: '/v1/staff',
  access: KEYED,
};

describe('baseHeaders', () => {
  it('are the request id and the security headers', () => {
    expect(baseHeaders('req-1')).toEqual({ 'x-request-id': 'req-1', ...securityHeaders() });
  });

  it('are a new object each time, which an answer may add to', () => {
    const headers = baseHeaders('req-1');
    headers['x-extra'] = '1';
    expect(baseHeaders('req-1')).not.toHaveProperty('x-extra');
  });
});

describe('servedHeaders', () => {
  it('are the answer’s own headers plus X-Cache', () => {
    expect(servedHeaders(answer, 'MISS')).toEqual({ ...answer.headers, 'x-cache': 'MISS' });
    expect(servedHeaders(answer, 'STALE')['x-cache']).toBe('STALE');
  });

  it('have no X-Cache for an answer that needed no vendor call', () => {
    expect(servedHeaders(answer, undefined)).toEqual(answer.headers);
    expect(servedHeaders(answer, undefined)).not.toHaveProperty('x-cache');
  });
});

describe('repeatedAnswerHeaders', () => {
  const rate = { allowed: true, limit: 600, remaining: 17, resetMs: 12_300 };

  it('are every header of the answer Nest would give: base, rate limit, the answer’s, X-Cache HIT', () => {
    expect(repeatedAnswerHeaders('req-2', rate, answer)).toEqual({
      ...baseHeaders('req-2'),
      'ratelimit-limit': '600',
      'ratelimit-remaining': '17',
      'ratelimit-reset': '13',
      ...answer.headers,
      'x-cache': 'HIT',
    });
  });

  it('have no rate limit headers for an uncounted route', () => {
    const headers = repeatedAnswerHeaders('req-3', undefined, answer);
    expect(Object.keys(headers).filter((name) => name.startsWith('ratelimit'))).toEqual([]);
    expect(headers['x-cache']).toBe('HIT');
  });

  it('always say HIT, whatever the answer was first rendered as', () => {
    const rendered = { ...answer, headers: { ...answer.headers, 'x-cache': 'MISS' } };
    expect(repeatedAnswerHeaders('req-4', rate, rendered)['x-cache']).toBe('HIT');
  });
});
