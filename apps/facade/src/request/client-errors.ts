import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { answeredProblem, problem, PROBLEM_CONTENT_TYPE, type Problem } from '../problem/problem';
import { baseHeaders } from '../answers/answer-headers';

/** Node's HTTP parser's error, as `clientError` hands it over. */
export interface ParserError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

const PERCENT_ENCODE =
  "The request URL holds bytes that are not ASCII (raw UTF-8 such as 王秀娟): percent-encode them, e.g. curl -G --data-urlencode 'name=王秀娟' http://HOST/v1/staff.";

/**
 * The problem for a request refused before routing, whether Node's parser or Fastify refused it: a 400
 * is a `validation` problem like any other, its `errors` naming the part of the request at fault, and
 * for the common mistake of raw UTF-8 in the URL the detail says what to do.
 */
export function clientErrorProblem(error: ParserError): Problem {
  // Fastify's own, for a URL it cannot decode (bad percent-encoding, say).
  if (error.code === 'FST_ERR_BAD_URL') {
    return refused(
      'path',
      'The request URL is malformed (bad percent-encoding or characters): percent-encode it as RFC 3986 says.',
    );
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return problem(
      431,
      'request-too-large',
      'The request line and headers are too large (a URL of several kilobytes?): send less, or move data out of the query.',
    );
  }
  const line = requestLine(error.rawPacket);
  // Stryker disable next-line UnaryOperator: That value is read only once line is known to be set (line &&
  // rawByte >= 0), so without a line it is never used.
  const rawByte = line ? line.findIndex((byte) => byte >= 0x80) : -1;
  if (line && rawByte >= 0) {
    const query = line.indexOf('?');
    // Stryker disable next-line EqualityOperator: unnoticeable: A request line starts with its method (empty
    // lines before it are skipped), so '?' is never its first byte.
    // Stryker disable next-line EqualityOperator: '?' is ASCII and rawByte indexes a byte of 0x80 or more, so
    // they are never the same index.
    return refused(query >= 0 && query < rawByte ? 'query' : 'path', PERCENT_ENCODE);
  }
  if (error.code === 'HPE_INVALID_CONTENT_LENGTH' || error.code === 'HPE_UNEXPECTED_CONTENT_LENGTH')
    return refused('Content-Length', 'The Content-Length header is not a valid length.');
  if (error.code === 'HPE_INVALID_HEADER_TOKEN')
    return refused('headers', 'A header name holds characters a header name cannot (a space, say).');
  return refused(
    'request',
    'The request is not well-formed HTTP (an unencoded space or control character in the URL, say): percent-encode the URL and check the headers.',
  );
}

function refused(field: string, message: string): Problem {
  return problem(400, 'validation', message, { errors: [{ field, message }] });
}

/**
 * Answers on the socket itself, as the HTTP server has no response object for such a request: a
 * problem body with a request id, then the connection is closed.
 */
export function answerClientError(
  error: ParserError,
  socket: Socket,
  log: (requestId: string, problem: Problem) => void,
): void {
  if (socket.destroyed || !socket.writable) return;
  const body = clientErrorProblem(error);
  const requestId = randomUUID();
  log(requestId, body);
  const url = urlOf(requestLine(error.rawPacket));
  const answered = answeredProblem(body, url, requestId);
  if (url === '') delete answered.instance;
  const payload = Buffer.from(JSON.stringify(answered));
  const headers: Record<string, string> = {
    ...baseHeaders(requestId),
    'content-type': PROBLEM_CONTENT_TYPE,
    'cache-control': 'no-store',
    'content-length': String(payload.length),
    connection: 'close',
  };
  const head = `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
  // Stryker disable next-line StringLiteral: Buffer.from takes '' as UTF-8, and the head is ASCII only
  // (status line, fixed header names and values, a UUID), which UTF-8 and latin1 write as the same bytes.
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
}

function requestLine(packet: Buffer | undefined): Buffer | undefined {
  if (!packet) return undefined;
  // Node's parser skips empty lines before the request line, so the packet may start with them.
  let start = 0;
  while (packet[start] === 0x0d || packet[start] === 0x0a) start += 1;
  const end = packet.indexOf('\r\n', start);
  // Stryker disable next-line EqualityOperator: After the empty lines are skipped the first CR LF comes after
  // at least one other byte, so end is never 0.
  return packet.subarray(start, end < 0 ? Math.min(packet.length, 8192) : end);
}

/** The path of the request line, for `instance`; what cannot be read as ASCII is left out. */
function urlOf(line: Buffer | undefined): string {
  // Stryker disable next-line StringLiteral: The fallback is only tested against a pattern that needs a
  // leading '/', which neither '' nor the mutant's text has.
  const target = line?.toString('latin1').split(' ')[1] ?? '';
  return /^\/[\x21-\x7e]*$/.test(target) ? target : '';
}
