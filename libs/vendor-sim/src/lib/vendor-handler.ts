import type { IncomingHttpHeaders } from 'node:http';
import { VENDOR_ENDPOINTS } from '@youmi-facade/vendor-client/wire';
import type { EndpointValues } from './endpoint-values';
import { TOKEN_PATH } from './fault-store';
import {
  describeCode,
  failureAnswer,
  RequestIds,
  successAnswer,
  tokenAnswer,
  type SimAnswer,
} from './http-answer';
import { verifySignature } from './signature';
import type { TokenStore } from './token-store';

/** Requests signed more than this far from the server's clock are refused (the vendor says 10 minutes). */
export const TIMESTAMP_WINDOW_SECONDS = 600;

/** Vendor path (relative to /publicapi/v1/) → the one HTTP method it accepts. */
export const VENDOR_ROUTES: ReadonlyMap<string, 'GET' | 'POST'> = new Map<string, 'GET' | 'POST'>([
  [TOKEN_PATH, 'POST'],
  ...Object.values(VENDOR_ENDPOINTS).map(
    (endpoint) => [endpoint.path, endpoint.method] as [string, 'GET' | 'POST'],
  ),
]);

export interface VendorRequest {
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

class BadParameter extends Error {}

/** ASP.NET binds query parameters and JSON properties by name regardless of case. */
function caseInsensitive(entries: Iterable<[string, unknown]>): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [key, value] of entries) {
    const lower = key.toLowerCase();
    if (!map.has(lower)) map.set(lower, value);
  }
  return map;
}

function intParam(params: Map<string, unknown>, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return fallback;
  const text = String(raw).trim();
  if (!/^[-+]?\d{1,9}$/.test(text)) throw new BadParameter(`${name} must be an integer, got "${text}"`);
  return Number(text);
}

/** -1 all, 0 enabled (启用), 1 disabled (停用); anything else is a bad parameter. */
function staffState(state: number): -1 | 0 | 1 {
  if (state !== -1 && state !== 0 && state !== 1)
    throw new BadParameter(`ad_staff_state must be -1, 0 or 1, got ${state}`);
  return state;
}

function stringParam(params: Map<string, unknown>, name: string): string | undefined {
  const raw = params.get(name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
}

/** `undefined` for an empty body; throws BadParameter for anything that is not a JSON object. */
function jsonObjectBody(body: Buffer): Map<string, unknown> | undefined {
  const text = body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadParameter('the body is not valid JSON');
  }
  if (parsed === null) return undefined;
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new BadParameter('the body must be a JSON object');
  return caseInsensitive(Object.entries(parsed as Record<string, unknown>));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function isNumeric(text: string): boolean {
  return /^[-+]?\d+(\.\d+)?$/.test(text);
}

/** The AppId and appkey the simulator accepts; the control API may change them while it runs. */
export interface SimCredentials {
  appId: string;
  appKey: string;
}

/**
 * The vendor's own logic: authentication, then the endpoint's records with its query filters. Codes
 * and their `errdesc` follow the vendor's table; where it leaves the choice open, a wrong signature
 * (token call or signed call, an unknown AppId included) is 200006 and a stale Timestamp is 200005.
 */
export class VendorHandler {
  private readonly requestIds = new RequestIds();

  constructor(
    private readonly credentials: SimCredentials,
    private readonly tokens: TokenStore,
    private readonly values: EndpointValues,
    private readonly nowMs: () => number,
  ) {}

  handle(request: VendorRequest): SimAnswer {
    try {
      if (request.path === TOKEN_PATH) return this.accessToken(request.body);
      const refusal = this.authenticate(request.headers);
      if (refusal !== undefined) return this.fail(refusal);
      return this.endpoint(request);
    } catch (error) {
      if (error instanceof BadParameter)
        return this.fail(200012, `${describeCode(200012)} (${error.message})`);
      throw error;
    }
  }

  fail(code: number, errdesc?: string, status?: number): SimAnswer {
    return failureAnswer(code, this.requestIds.next(), this.nowMs(), errdesc, status);
  }

  private isStale(timestamp: string): boolean {
    return Math.abs(this.nowMs() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS;
  }

  private accessToken(body: Buffer): SimAnswer {
    const fields = jsonObjectBody(body) ?? new Map<string, unknown>();
    const appId = stringParam(fields, 'appid');
    if (appId === undefined) return this.fail(200007);
    const nonce = stringParam(fields, 'nonce');
    if (nonce === undefined) return this.fail(200002);
    const timestamp = stringParam(fields, 'timestamp');
    if (timestamp === undefined || !isNumeric(timestamp)) return this.fail(200003);
    const signature = stringParam(fields, 'signature');
    if (signature === undefined) return this.fail(200004);
    if (this.isStale(timestamp)) return this.fail(200005);
    // An AppId the vendor does not know has no appkey to check the signature with: the same refusal.
    const { appId: knownAppId, appKey } = this.credentials;
    if (appId !== knownAppId || !verifySignature(appKey, appId + nonce + timestamp, signature))
      return this.fail(200006);
    const issued = this.tokens.issue();
    return tokenAnswer(issued.token, issued.expiresAtSeconds, this.requestIds.next(), this.nowMs());
  }

  /** The code of the refusal, or undefined when the call may proceed. */
  private authenticate(headers: IncomingHttpHeaders): number | undefined {
    const token = header(headers, 'access_token');
    if (token === undefined) return 200001;
    const nonce = header(headers, 'nonce');
    if (nonce === undefined) return 200002;
    const timestamp = header(headers, 'timestamp');
    if (timestamp === undefined || !isNumeric(timestamp)) return 200003;
    const signature = header(headers, 'signature');
    if (signature === undefined) return 200004;
    if (this.isStale(timestamp)) return 200005;
    if (!verifySignature(this.credentials.appKey, token + nonce + timestamp, signature)) return 200006;
    const state = this.tokens.check(token);
    if (state === 'unknown') return 10011;
    if (state === 'expired') return 10003;
    return undefined;
  }

  private endpoint(request: VendorRequest): SimAnswer {
    const params = caseInsensitive(new URLSearchParams(request.query));
    const answer = (values: Buffer) => successAnswer(values, this.requestIds.next(), false, this.nowMs());
    switch (request.path) {
      case VENDOR_ENDPOINTS.operatorAccounts.path:
        return answer(this.values.operatorAccounts(intParam(params, 'ad_wechat_lei', 0)));
      case VENDOR_ENDPOINTS.staff.path:
        // ad_staff_addtime is accepted and ignored: the staff records carry no add time to match.
        return answer(
          this.values.staff({
            state: staffState(intParam(params, 'ad_staff_state', -1)),
            code: stringParam(params, 'ad_staff_code'),
            name: stringParam(params, 'ad_staff_name'),
          }),
        );
      case VENDOR_ENDPOINTS.labelCategories.path:
        return answer(this.values.labelCategories());
      case VENDOR_ENDPOINTS.labels.path:
        return answer(this.values.labels(intParam(params, 'categories', -1)));
      case VENDOR_ENDPOINTS.adGroups.path:
        return answer(this.values.adGroups());
      case VENDOR_ENDPOINTS.customAttributes.path:
        return answer(this.values.customAttributes());
      case VENDOR_ENDPOINTS.staffWechat.path: {
        const raw = jsonObjectBody(request.body)?.get('ad_staff_code');
        if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
          throw new BadParameter('ad_staff_code must be a string');
        }
        const code = raw === undefined || raw === null || raw === '' ? undefined : String(raw);
        if (code !== undefined && !this.values.isStaffCode(code)) return this.fail(200010);
        // The seed's own GetStaffWechat answer puts a null requestId first; keep that shape.
        return successAnswer(this.values.staffWechat(code), null, true, this.nowMs());
      }
      default:
        return this.fail(200011);
    }
  }
}
