import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { Problem } from '../src/problem/problem';
import { answerClientError, type ParserError } from '../src/request/client-errors';
import {
  CONTENT_LENGTH,
  HEADER_NAME,
  NOT_HTTP,
  parserError,
  PERCENT_ENCODE,
  validation,
} from './client-error-fixtures';

interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends bytes as they are and reads the whole answer, until the server closes the connection. */
function send(port: number, request: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      resolve({ statusLine, headers, body: all.subarray(split + 4) });
    });
    socket.end(request);
  });
}

describe('answerClientError', () => {
  let server: Server;
  let port: number;
  const logged: { requestId: string; problem: Problem }[] = [];

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('routed'));
    server.on('clientError', (error: ParserError, socket: Socket) =>
      answerClientError(error, socket, (requestId, problem) => logged.push({ requestId, problem })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    logged.length = 0;
  });

  it('answers a problem with a request id, the security headers, no caching, and closes', async () => {
    const answer = await send(port, 'GET /v1/staff?limit=1 HTTP/1.1\r\nHost: x\r\nX Bad: 1\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    const requestId = answer.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(answer.body.length),
      connection: 'close',
      'x-content-type-options': 'nosniff',
    });
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
      ...validation('headers', HEADER_NAME),
      instance: '/v1/staff',
      requestId,
    });
    expect(logged).toEqual([{ requestId, problem: validation('headers', HEADER_NAME) }]);
  });

  it('counts the body’s bytes, not its characters, in Content-Length', async () => {
    const answer = await send(
      port,
      Buffer.from('GET /v1/staff?name=王秀娟 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'),
    );
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    const body = JSON.parse(answer.body.toString('utf8'));
    expect(body).toMatchObject(validation('query', PERCENT_ENCODE));
    // A path that is not ASCII is not repeated back.
    expect(body).not.toHaveProperty('instance');
  });

  it('answers 431 for headers over the server’s limit', async () => {
    const answer = await send(
      port,
      `GET /v1/staff HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
      status: 431,
      type: 'urn:youmi-facade:problem:request-too-large',
      instance: '/v1/staff',
    });
  });

  it('reads the request line after the empty lines the parser skips', async () => {
    const answer = await send(port, Buffer.from('\r\nGET /v1/staff/王 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject(validation('path', PERCENT_ENCODE));
  });

  it('leaves out an instance that is not a path', async () => {
    const answer = await send(
      port,
      'GET http://example.com/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n',
    );
    const body = JSON.parse(answer.body.toString('utf8'));
    expect(body).toMatchObject(validation('Content-Length', CONTENT_LENGTH));
    expect(body).not.toHaveProperty('instance');
  });

  it('keeps answering well-formed requests', async () => {
    const answer = await send(port, 'GET /v1/staff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
    expect(answer.body.toString()).toBe('routed');
  });
});

/**
 * A raw TCP connection: `use` gets the server's side of it and the client's, whose close it may await;
 * everything the client received is answered once `use` is done.
 */
async function onAcceptedSocket(
  use: (accepted: Socket, client: Socket, closed: Promise<unknown>) => Promise<void>,
): Promise<Buffer> {
  let accepted!: Socket;
  const tcp = createTcpServer((socket) => (accepted = socket));
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const client = connect((tcp.address() as AddressInfo).port, '127.0.0.1');
  const received: Buffer[] = [];
  client.on('data', (chunk) => received.push(chunk));
  const closed = new Promise((resolve) => client.on('close', resolve));
  try {
    while (!accepted) await new Promise((resolve) => setImmediate(resolve));
    await use(accepted, client, closed);
    return Buffer.concat(received);
  } finally {
    client.destroy();
    accepted?.destroy();
    await new Promise((resolve) => tcp.close(resolve));
  }
}

describe('answerClientError on a socket that can no longer be written', () => {
  it.each([
    ['destroyed', (socket: Socket) => socket.destroy()],
    ['ended', (socket: Socket) => socket.end()],
  ])('writes nothing and logs nothing on a socket already %s', async (_state, finish) => {
    const log = jest.fn();
    const received = await onAcceptedSocket(async (accepted, client, closed) => {
      finish(accepted);
      answerClientError(parserError('HPE_INVALID_METHOD', 'BREW / HTTP/1.1\r\n'), accepted, log);
      client.end();
      await closed;
    });
    expect(log).not.toHaveBeenCalled();
    expect(received.length).toBe(0);
  });
});

describe('answerClientError for an error that carries no packet', () => {
  it('still answers the problem, without an instance', async () => {
    const received = await onAcceptedSocket(async (accepted, _client, closed) => {
      answerClientError(parserError('HPE_INVALID_METHOD'), accepted, () => undefined);
      await closed;
    });
    const all = received.toString('utf8');
    expect(all.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    const body = JSON.parse(all.slice(all.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject(validation('request', NOT_HTTP));
    expect(body).not.toHaveProperty('instance');
  });
});
