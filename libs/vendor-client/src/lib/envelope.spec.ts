import { openEnvelope, readEnvelope, type HttpExchange } from './envelope';
import { VendorEnvelopeError, VendorMalformedResponseError } from './vendor-errors';

const answer = (body: string, status = 200): HttpExchange => ({
  status,
  body,
  sentAt: 0,
  receivedAt: 0,
});

function thrown(read: () => unknown): Error {
  try {
    read();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the envelope to be refused');
}

function malformedReason(body: string, status = 200): string {
  const error = thrown(() => openEnvelope('staff', answer(body, status), 1));
  expect(error).toBeInstanceOf(VendorMalformedResponseError);
  expect(error).toMatchObject({ endpoint: 'staff', attempts: 1, httpStatus: status });
  return /\((.*)\)$/.exec(error.message)?.[1] ?? '';
}

describe('openEnvelope', () => {
  it.each([
    ['<html><body>Server Error</body></html>', 500, 'HTML page, HTTP 500'],
    ['  \r\n<!DOCTYPE html>', 502, 'HTML page, HTTP 502'],
    ['<', 200, 'HTML page, HTTP 200'],
    ['{"errmsg":20000,', 200, 'invalid JSON, HTTP 200'],
    ['oops <b>', 200, 'invalid JSON, HTTP 200'],
    ['', 200, 'invalid JSON, HTTP 200'],
    ['null', 200, 'not a JSON object'],
    ['[]', 200, 'not a JSON object'],
    ['[{"errmsg":20000,"succeed":true}]', 200, 'not a JSON object'],
    ['42', 200, 'not a JSON object'],
    ['"text"', 200, 'not a JSON object'],
    ['{"succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":null,"succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":true,"succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":"abc","succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":20000.5,"succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":"","succeed":false}', 200, 'errmsg is not a status code'],
    ['{"errmsg":" ","succeed":false}', 200, 'errmsg is not a status code'],
    ['{"errmsg":"0x4E20","succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":"2e4","succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":" 20000","succeed":true}', 200, 'errmsg is not a status code'],
    ['{"errmsg":20000}', 200, 'succeed is not a boolean'],
    ['{"errmsg":20000,"succeed":"true"}', 200, 'succeed is not a boolean'],
  ])('%j (HTTP %d) is not an envelope: %s', (body, status, reason) => {
    expect(malformedReason(body, status)).toBe(reason);
  });

  it('reads errmsg given as a number or as a numeric string', () => {
    expect(openEnvelope('staff', answer('{"errmsg":20000,"succeed":true}'), 1).code).toBe(20000);
    expect(openEnvelope('staff', answer('{"errmsg":"200012","succeed":false}'), 1).code).toBe(200012);
  });
});

describe('readEnvelope', () => {
  it.each([
    ['{"errmsg":20000,"succeed":true,"values":[1]}'],
    ['{"errmsg":10004,"succeed":true,"values":[1]}'],
    ['{"errmsg":"20000","succeed":true,"values":[1]}'],
  ])('%s is a success', (body) => {
    expect(readEnvelope('staff', answer(body), 1).values).toEqual([1]);
  });

  it.each([
    [
      'succeed false with a success code',
      '{"errmsg":20000,"succeed":false,"errdesc":"x","requestId":"r"}',
      20000,
    ],
    [
      'succeed true with a failure code',
      '{"errmsg":200012,"succeed":true,"errdesc":"x","requestId":"r"}',
      200012,
    ],
    ['a failure', '{"errmsg":200010,"succeed":false,"errdesc":"x","requestId":"r"}', 200010],
  ])('%s is a failure envelope', (_, body, code) => {
    const seen: unknown[] = [];
    const error = thrown(() => readEnvelope('staff', answer(body), 2, (envelope) => seen.push(envelope)));
    expect(error).toBeInstanceOf(VendorEnvelopeError);
    expect(error).toMatchObject({
      attempts: 2,
      httpStatus: 200,
      upstream: { code, description: 'x', requestId: 'r' },
    });
    // Refusals date the vendor's clock too.
    expect(seen).toHaveLength(1);
  });
});
