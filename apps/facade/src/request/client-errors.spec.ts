import {
  BAD_URL,
  CONTENT_LENGTH,
  HEADER_NAME,
  NOT_HTTP,
  parserError,
  PERCENT_ENCODE,
  validation,
} from '../../test/client-error-fixtures';
import type { Problem } from '../problem/problem';
import { clientErrorProblem, type ParserError } from './client-errors';

describe('clientErrorProblem', () => {
  it.each<[string, ParserError, Problem]>([
    ['a URL Fastify cannot decode', parserError('FST_ERR_BAD_URL'), validation('path', BAD_URL)],
    [
      'headers over the limit',
      parserError('HPE_HEADER_OVERFLOW', 'GET /v1/staff HTTP/1.1\r\nX-Big: aaaa'),
      {
        type: 'urn:youmi-facade:problem:request-too-large',
        title: 'Request Header Fields Too Large',
        status: 431,
        detail:
          'The request line and headers are too large (a URL of several kilobytes?): send less, or move data out of the query.',
      },
    ],
    [
      'raw UTF-8 in the query',
      parserError('HPE_INVALID_CHARACTER', 'GET /v1/staff?name=王秀娟 HTTP/1.1\r\nHost: x\r\n'),
      validation('query', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 in the path',
      parserError('HPE_INVALID_CHARACTER', 'GET /v1/staff/王 HTTP/1.1\r\n'),
      validation('path', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 in the path before a query',
      parserError('HPE_INVALID_CHARACTER', 'GET /v1/staff/王?limit=1 HTTP/1.1\r\n'),
      validation('path', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 in the path after empty lines, which the parser skips',
      parserError('HPE_INVALID_URL', '\r\n\r\nGET /v1/staff/王 HTTP/1.1\r\nHost: x\r\n'),
      validation('path', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 in the query after a bare line feed',
      parserError('HPE_INVALID_URL', '\nGET /v1/staff?name=王 HTTP/1.1\r\n'),
      validation('query', PERCENT_ENCODE),
    ],
    [
      'the lowest byte that is not ASCII',
      parserError(
        undefined,
        Buffer.from([...Buffer.from('GET /v1/staff?q='), 0x80, ...Buffer.from(' HTTP/1.1\r\n')]),
      ),
      validation('query', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 whatever else the parser says',
      parserError('HPE_INVALID_CONTENT_LENGTH', 'GET /v1/王 HTTP/1.1\r\nContent-Length: x\r\n'),
      validation('path', PERCENT_ENCODE),
    ],
    [
      'raw UTF-8 in a header, not the URL',
      parserError('HPE_INVALID_HEADER_TOKEN', 'GET /v1/staff HTTP/1.1\r\nX名: 1\r\n'),
      validation('headers', HEADER_NAME),
    ],
    [
      'an invalid Content-Length',
      parserError('HPE_INVALID_CONTENT_LENGTH', 'GET /v1/staff HTTP/1.1\r\nContent-Length: ten\r\n'),
      validation('Content-Length', CONTENT_LENGTH),
    ],
    [
      'an unexpected Content-Length',
      parserError('HPE_UNEXPECTED_CONTENT_LENGTH', 'GET /v1/staff HTTP/1.1\r\n'),
      validation('Content-Length', CONTENT_LENGTH),
    ],
    [
      'a bad header name',
      parserError('HPE_INVALID_HEADER_TOKEN', 'GET /v1/staff HTTP/1.1\r\nX Bad: 1\r\n'),
      validation('headers', HEADER_NAME),
    ],
    [
      'a space in the URL',
      parserError('HPE_INVALID_VERSION', 'GET /v1/staff?name=a b HTTP/1.1\r\n'),
      validation('request', NOT_HTTP),
    ],
    [
      'anything else',
      parserError('HPE_INVALID_METHOD', 'BREW /pot HTTP/1.1\r\n'),
      validation('request', NOT_HTTP),
    ],
    ['an error without a packet', parserError(undefined), validation('request', NOT_HTTP)],
  ])('%s', (_case, error, expected) => {
    expect(clientErrorProblem(error)).toEqual(expected);
  });

  it('looks for raw bytes in the first 8 KiB of a packet that holds no line end', () => {
    const at = (index: number) =>
      Buffer.concat([Buffer.from('GET /'), Buffer.alloc(index - 5, 'a'), Buffer.from('王')]);
    expect(clientErrorProblem(parserError(undefined, at(8191)))).toEqual(validation('path', PERCENT_ENCODE));
    expect(clientErrorProblem(parserError(undefined, at(8192)))).toEqual(validation('request', NOT_HTTP));
  });
});
