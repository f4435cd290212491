import { randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { vendorCode } from '@youmi-facade/vendor-client/wire';
import { vendorNow } from './vendor-time';

/** A whole answer, body as chunks so a precomputed `values` buffer is written without copying. */
export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  body: Array<string | Buffer>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

// What the vendor's IIS / ASP.NET Web API stack sends with every answer; no-cache matters because a
// facade must not lean on HTTP caching semantics the vendor never promised.
const SERVER_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-cache',
  Pragma: 'no-cache',
  Expires: '-1',
  Server: 'Microsoft-IIS/10.0',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': 'ASP.NET',
};

/** The vendor's own wording of a code, from its table (`errdesc`); an undocumented code says so. */
export function describeCode(code: number): string {
  return vendorCode(code).wording ?? `未定义的错误码 ${code}`;
}

/** ASP.NET Core-style trace identifiers: a per-process connection id and a request counter. */
export class RequestIds {
  private readonly prefix: string;
  private counter = 0;

  constructor() {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
    let id = '0H';
    for (let i = 0; i < 11; i++) id += alphabet[randomInt(alphabet.length)];
    this.prefix = id;
  }

  next(): string {
    this.counter = (this.counter + 1) >>> 0;
    return `${this.prefix}:${this.counter.toString(16).toUpperCase().padStart(8, '0')}`;
  }
}

function jsonAnswer(status: number, body: Array<string | Buffer>): SimAnswer {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body };
}

/** `{"errmsg":20000,…,"values":<values>,…}` around a precomputed values buffer. */
export function successAnswer(
  values: Buffer,
  requestId: string | null,
  requestIdFirst: boolean,
  nowMs: number,
): SimAnswer {
  const head = `{"errmsg":20000,"succeed":true,"msgTime":"${vendorNow(nowMs)}","values":`;
  if (requestIdFirst)
    return jsonAnswer(200, [
      `{"requestId":${JSON.stringify(requestId)},${head.slice(1)}`,
      values,
      ',"errdesc":null}',
    ]);
  return jsonAnswer(200, [head, values, `,"errdesc":null,"requestId":${JSON.stringify(requestId)}}`]);
}

export function tokenAnswer(
  token: string,
  expiresAtSeconds: number,
  requestId: string,
  nowMs: number,
): SimAnswer {
  const text = JSON.stringify({
    errmsg: 10004,
    succeed: true,
    msgTime: vendorNow(nowMs),
    values: { access_token: token, expires_in: expiresAtSeconds },
    errdesc: null,
    requestId,
  });
  return jsonAnswer(200, [text]);
}

/** The vendor refuses with HTTP 200 and `succeed: false`; the status code is all the client gets. */
export function failureAnswer(
  code: number,
  requestId: string,
  nowMs: number,
  errdesc?: string,
  status = 200,
): SimAnswer {
  const text = JSON.stringify({
    errmsg: code,
    succeed: false,
    msgTime: vendorNow(nowMs),
    values: null,
    errdesc: errdesc ?? describeCode(code),
    requestId,
  });
  return jsonAnswer(status, [text]);
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** ASP.NET's "yellow screen" error page: what a crashed vendor action really sends. */
export function htmlErrorAnswer(status: number): SimAnswer {
  const reason = REASONS[status] ?? 'Error';
  const html = `<!DOCTYPE html>
<html>
    <head>
        <title>${reason}</title>
        <meta name="viewport" content="width=device-width" />
    </head>
    <body bgcolor="white">
            <span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>
            <h2> <i>HTTP Error ${status} - ${reason}.</i> </h2></span>
            <b> Description: </b>An unhandled exception occurred during the execution of the current web request.
            <br><br>
            <hr width=100% size=1 color=silver>
            <b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.8.4515.0
    </body>
</html>
`;
  return { status, headers: { 'Content-Type': HTML_TYPE }, body: [html] };
}

/** IIS's own page for a path no route matches. */
export function notFoundAnswer(): SimAnswer {
  const html = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>404 - File or directory not found.</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>404 - File or directory not found.</h2>
  <h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
  return { status: 404, headers: { 'Content-Type': 'text/html' }, body: [html] };
}

/** ASP.NET Web API's answer to a verb the action does not accept. */
export function methodNotAllowedAnswer(method: string, allow: string): SimAnswer {
  const text = JSON.stringify({
    Message: `The requested resource does not support http method '${method}'.`,
  });
  return { status: 405, headers: { 'Content-Type': JSON_TYPE, Allow: allow }, body: [text] };
}

/** Keeps the first half of the body, so it is never valid JSON, with a Content-Length that matches. */
export function truncateAnswer(answer: SimAnswer): SimAnswer {
  const whole = Buffer.concat(
    answer.body.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)),
  );
  return { ...answer, body: [whole.subarray(0, Math.max(1, Math.floor(whole.length / 2)))] };
}

export function writeAnswer(res: ServerResponse, answer: SimAnswer): void {
  if (res.destroyed || res.writableEnded) return;
  let length = 0;
  for (const chunk of answer.body)
    length += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(SERVER_HEADERS)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('Content-Length', length);
  for (let i = 0; i < answer.body.length - 1; i++) res.write(answer.body[i]);
  res.end(answer.body[answer.body.length - 1]);
}

/** The control API's own plain JSON answers. */
export function controlAnswer(status: number, value: unknown): SimAnswer {
  return jsonAnswer(status, [JSON.stringify(value)]);
}
