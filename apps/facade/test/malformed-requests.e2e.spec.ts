import { connect } from 'node:net';
import { startFacade, type RunningFacade } from './facade-harness';
import { startSimulator, type RunningSimulator } from '@youmi-facade/testing';

// Requests that are not well-formed HTTP never reach a route: Node's parser or Fastify refuses them.
// They are still answered as problems, with a request id and a detail that says what to fix.

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

let sim: RunningSimulator;
let facade: RunningFacade;

beforeAll(async () => {
  sim = await startSimulator();
  facade = await startFacade(sim);
});
afterAll(async () => {
  await facade?.close();
  await sim?.stop();
});

/** Sends bytes as they are (fetch would percent-encode them) and reads the whole answer. */
function raw(request: Buffer | string): Promise<RawAnswer> {
  const { port } = new URL(facade.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n')) });
    });
    socket.end(request);
  });
}

const request = (target: string | Buffer, headers = 'Host: x\r\nConnection: close') =>
  Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(` HTTP/1.1\r\n${headers}\r\n\r\n`)]);

function expectProblem(answer: RawAnswer, status: number, detail: RegExp, field?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.body).toMatchObject({
    type: `urn:youmi-facade:problem:${field ? 'validation' : 'request-too-large'}`,
    status,
    requestId: answer.headers['x-request-id'],
  });
  expect(answer.body['detail']).toMatch(detail);
  if (field) expect(answer.body['errors']).toEqual([{ field, message: answer.body['detail'] }]);
}

describe('requests that are not well-formed HTTP', () => {
  it('raw UTF-8 in the URL is told to percent-encode, with the command that does', async () => {
    const answer = await raw(request(Buffer.from('/v1/staff?name=王秀娟', 'utf8')));
    expectProblem(answer, 400, /percent-encode.*--data-urlencode/, 'query');
    expect(answer.body['instance']).toBeUndefined();
  });

  it('raw UTF-8 in the path names the path', async () => {
    const answer = await raw(request(Buffer.from('/v1/staff/王秀娟', 'utf8')));
    expectProblem(answer, 400, /percent-encode/, 'path');
  });

  it('a bad percent-encoding in the path is refused by Fastify as the same kind of problem', async () => {
    const answer = await raw(request('/v1/staff/%E0%A4%A'));
    expectProblem(answer, 400, /malformed.*RFC 3986/, 'path');
    expect(answer.body['instance']).toBe('/v1/staff/%E0%A4%A');
  });

  it('a raw space in the URL is told to percent-encode', async () => {
    const answer = await raw(request('/v1/staff?name=a b'));
    expectProblem(answer, 400, /percent-encode the URL/, 'request');
  });

  it('headers larger than the server reads answer 431', async () => {
    const answer = await raw(
      request('/v1/staff', `Host: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close`),
    );
    expectProblem(answer, 431, /too large/);
  });

  it('an invalid Content-Length is named', async () => {
    const answer = await raw(request('/v1/staff', 'Host: x\r\nContent-Length: ten\r\nConnection: close'));
    expectProblem(answer, 400, /Content-Length/, 'Content-Length');
  });

  it('a header name with a space in it is named', async () => {
    const answer = await raw(request('/v1/staff', 'Host: x\r\nX Bad: 1\r\nConnection: close'));
    expectProblem(answer, 400, /header name/, 'headers');
  });

  it('a well-formed request on the same server is still answered', async () => {
    expect((await facade.get('/health/live')).status).toBe(200);
  });
});
