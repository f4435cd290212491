// Raw calls of the vendor API (token, signed calls), for tests of the simulator and the client.
import { randomBytes } from 'node:crypto';
import { fetchVendorToken, signedVendorHeaders, vendorSignature } from './vendor-signing';

/** Where and as whom to call: a spawned simulator or an in-process one. */
export interface VendorTarget {
  baseUrl: string;
  appId: string;
  appKey: string;
}

export interface VendorReply {
  status: number;
  contentType: string | null;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: Envelope | undefined;
}

export interface Envelope {
  errmsg: number;
  succeed: boolean;
  msgTime: string;
  values: unknown;
  errdesc: string | null;
  requestId?: string | null;
}

export const MSG_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+08:00$/;

/** The value, or a test failure saying what was missing. */
export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

/** The parsed envelope of an answer that must be JSON. */
export function envelope(answer: VendorReply): Envelope {
  return must(answer.json, `a JSON answer, got HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function reply(response: Response): Promise<VendorReply> {
  const text = await response.text();
  let json: Envelope | undefined;
  try {
    json = JSON.parse(text) as Envelope;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

export function getToken(target: VendorTarget): Promise<string> {
  return fetchVendorToken(target.baseUrl, target.appId, target.appKey);
}

/** The token call's body, correctly signed unless a part is overridden. */
export function tokenBody(
  target: VendorTarget,
  overrides: Partial<{
    AppId: string;
    Nonce: string;
    Timestamp: string;
    Signature: string;
    key: string;
  }> = {},
): Record<string, string> {
  const AppId = overrides.AppId ?? target.appId;
  const Nonce = overrides.Nonce ?? randomBytes(8).toString('hex');
  const Timestamp = overrides.Timestamp ?? String(nowSeconds());
  const Signature =
    overrides.Signature ?? vendorSignature(overrides.key ?? target.appKey, AppId + Nonce + Timestamp);
  return { AppId, Nonce, Timestamp, Signature };
}

export async function tokenCall(
  target: VendorTarget,
  body: unknown,
  contentType = 'text/json',
): Promise<VendorReply> {
  return reply(
    await fetch(`${target.baseUrl}GetAccessToken?format=json`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export interface CallOptions {
  query?: Record<string, string | number>;
  /** Replaces the signed headers entirely. */
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}

export async function vendorCall(
  target: VendorTarget,
  token: string,
  path: string,
  options: CallOptions = {},
): Promise<VendorReply> {
  const query = options.query
    ? `?${new URLSearchParams(Object.entries(options.query).map(([k, v]): [string, string] => [k, String(v)]))}`
    : '';
  const method = path === 'staff/GetStaffWechat' ? 'POST' : 'GET';
  const headers: Record<string, string> = {
    ...(options.headers ?? signedVendorHeaders(target.appKey, token)),
  };
  if (method === 'POST') headers['Content-Type'] = options.contentType ?? 'text/json';
  return reply(
    await fetch(`${target.baseUrl}${path}${query}`, {
      method,
      headers,
      body: method === 'POST' ? options.body : undefined,
      signal: options.signal,
    }),
  );
}

/** The values of a successful answer; fails the test with the envelope otherwise. */
export function valuesOf<T = Record<string, unknown>>(answer: VendorReply): T[] {
  if (answer.json?.errmsg !== 20000 || !Array.isArray(answer.json.values)) {
    throw new Error(`expected a 20000 answer, got HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return answer.json.values as T[];
}
