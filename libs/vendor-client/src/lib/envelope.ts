import { SUCCESS_CODES } from '../wire/codes';
import type { WireEnvelope } from '../wire/wire-types';
import { upstreamStatus, VendorEnvelopeError, VendorMalformedResponseError } from './vendor-errors';

/** What came back over HTTP, before any reading of the envelope. */
export interface HttpExchange {
  status: number;
  body: string;
  /** Our clock when the request left and when the answer arrived, for the clock offset. */
  sentAt: number;
  receivedAt: number;
}

export interface OpenedEnvelope {
  envelope: WireEnvelope<unknown>;
  code: number;
}

/**
 * Reads the envelope: it must be a JSON object with a boolean `succeed` and a numeric `errmsg`.
 * Success is `succeed` true with 20000 or 10004; anything else is a VendorEnvelopeError with the code.
 * `onOpened` sees every well-formed envelope, refusals included (their `msgTime` dates the vendor's clock).
 */
export function readEnvelope(
  endpoint: string,
  exchange: HttpExchange,
  attempts: number,
  onOpened?: (envelope: WireEnvelope<unknown>) => void,
): WireEnvelope<unknown> {
  const opened = openEnvelope(endpoint, exchange, attempts);
  onOpened?.(opened.envelope);
  if (opened.envelope.succeed === true && SUCCESS_CODES.includes(opened.code)) return opened.envelope;
  throw new VendorEnvelopeError({
    endpoint,
    attempts,
    httpStatus: exchange.status,
    upstream: upstreamStatus(opened.code, opened.envelope.errdesc, opened.envelope.requestId),
  });
}

export function openEnvelope(endpoint: string, exchange: HttpExchange, attempts: number): OpenedEnvelope {
  const malformed = (reason: string) =>
    new VendorMalformedResponseError({ endpoint, attempts, reason, httpStatus: exchange.status });
  let parsed: unknown;
  try {
    parsed = JSON.parse(exchange.body);
  } catch {
    const looksHtml = /^\s*</.test(exchange.body);
    throw malformed(
      looksHtml ? `HTML page, HTTP ${exchange.status}` : `invalid JSON, HTTP ${exchange.status}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw malformed('not a JSON object');
  const envelope = parsed as Record<string, unknown>;
  // A code sent as text must be digits alone: Number() would read "" as 0 and "0x4E20" as 20000 (success).
  const code =
    typeof envelope.errmsg === 'string'
      ? /^\d{1,9}$/.test(envelope.errmsg)
        ? Number(envelope.errmsg)
        : Number.NaN
      : envelope.errmsg;
  if (typeof code !== 'number' || !Number.isInteger(code)) throw malformed('errmsg is not a status code');
  if (typeof envelope.succeed !== 'boolean') throw malformed('succeed is not a boolean');
  return { envelope: envelope as unknown as WireEnvelope<unknown>, code };
}
