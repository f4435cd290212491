import { answerHeaders, baseHeaders } from './answer-headers';
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

describe('answerHeaders', () => {
  it('are the answer’s own headers plus X-Cache', () => {
    expect(answerHeaders(answer, 'MISS')).toEqual({ ...answer.headers, 'x-cache': 'MISS' });
    expect(answerHeaders(answer, 'STALE')['x-cache']).toBe('STALE');
  });

  it('have no X-Cache for an answer that needed no vendor call', () => {
    expect(answerHeaders(answer, undefined)).toEqual(answer.headers);
    expect(answerHeaders(answer, undefined)).not.toHaveProperty('x-cache');
  });
});
