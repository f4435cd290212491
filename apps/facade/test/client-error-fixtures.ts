import type { Problem } from '../src/problem/problem';
import type { ParserError } from '../src/request/client-errors';

export const PERCENT_ENCODE =
  "The request URL holds bytes that are not ASCII (raw UTF-8 such as 王秀娟): percent-encode them, e.g. curl -G --data-urlencode 'name=王秀娟' http://HOST/v1/staff.";
export const NOT_HTTP =
  'The request is not well-formed HTTP (an unencoded space or control character in the URL, say): percent-encode the URL and check the headers.';
export const BAD_URL =
  'The request URL is malformed (bad percent-encoding or characters): percent-encode it as RFC 3986 says.';
export const CONTENT_LENGTH = 'The Content-Length header is not a valid length.';
export const HEADER_NAME = 'A header name holds characters a header name cannot (a space, say).';

/** An error as Node's HTTP parser raises it, with the bytes it could not read. */
export function parserError(code: string | undefined, rawPacket?: Buffer | string): ParserError {
  return Object.assign(new Error('Parse Error'), {
    code,
    rawPacket: typeof rawPacket === 'string' ? Buffer.from(rawPacket, 'utf8') : rawPacket,
  });
}

/** The 400 problem the facade answers for a request it cannot read. */
export const validation = (field: string, detail: string): Problem => ({
  type: 'urn:youmi-facade:problem:validation',
  title: 'Bad Request',
  status: 400,
  detail,
  errors: [{ field, message: detail }],
});
