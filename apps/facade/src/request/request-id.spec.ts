import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { requestIdOf } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function request(headers: Record<string, string | string[]> = {}): IncomingMessage {
  const raw = new IncomingMessage(new Socket());
  raw.headers = headers;
  return raw;
}

describe('requestIdOf', () => {
  it.each([
    'trace-123',
    'a/b+c==',
    'x=1;y=2',
    '!',
    '~',
    '!"#$%&\'()*+,-./0123456789:;<=>?@[\\]^_`{|}~',
    'i'.repeat(200),
  ])('echoes the X-Request-Id %p a client sent', (sent) => {
    expect(requestIdOf(request({ 'x-request-id': sent }))).toBe(sent);
  });

  it.each([
    ['an empty one', ''],
    ['an overlong one', 'i'.repeat(201)],
    ['a space', 'my trace'],
    ['a tab', 'my\ttrace'],
    ['DEL', 'trace\x7f'],
    ['a control character', 'trace\x01'],
    ['raw UTF-8', 'trace-王'],
    ['Latin-1', 'tracé'],
  ])('replaces %s with a new UUID', (_case, sent) => {
    expect(requestIdOf(request({ 'x-request-id': sent }))).toMatch(UUID);
  });

  it('generates a UUID when none is sent, or when it was sent twice', () => {
    expect(requestIdOf(request())).toMatch(UUID);
    expect(requestIdOf(request({ 'x-request-id': ['a', 'b'] }))).toMatch(UUID);
  });

  it('generates a different id for each request', () => {
    expect(requestIdOf(request())).not.toBe(requestIdOf(request()));
  });

  it('keeps the id on the request, so every later reader sees the same one', () => {
    const raw = request();
    const id = requestIdOf(raw);
    expect(requestIdOf(raw)).toBe(id);
    expect((raw as IncomingMessage & { id?: string }).id).toBe(id);
    const sent = request({ 'x-request-id': 'trace-1' });
    requestIdOf(sent);
    expect((sent as IncomingMessage & { id?: string }).id).toBe('trace-1');
  });

  it('answers an id already given to the request over the header', () => {
    const raw = Object.assign(request({ 'x-request-id': 'from-header' }), { id: 'given' });
    expect(requestIdOf(raw)).toBe('given');
  });
});
