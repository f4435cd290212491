/** The vendor's `errmsg` status codes and what its documentation says they mean. */
export const VENDOR_CODES = {
  10003: 'access token expired',
  10004: 'data fetched',
  10005: 'integrity check failed (signature mismatch)',
  10006: 'signature timestamp expired (older than 10 minutes)',
  10011: 'access token check failed',
  20000: 'done',
  200001: 'access_token header missing',
  200002: 'Nonce missing',
  200003: 'Timestamp missing or not a number',
  200004: 'Signature missing',
  200005: 'AppId missing',
  200006: 'AppId unknown',
  200007: 'AppId signature (appkey) wrong',
  200010: 'no such staff code',
  200011: 'server error',
  200012: 'bad parameter',
} as const satisfies Record<number, string>;

export type VendorCode = keyof typeof VENDOR_CODES;

export const SUCCESS_CODES: readonly number[] = [20000, 10004];
/** Codes after which a fresh token is obtained once and the call repeated. */
export const TOKEN_RENEWAL_CODES: readonly number[] = [10003, 10011];

/** Codes that say the credentials, the token or the signature were refused. */
export const AUTH_CODES: readonly number[] = [10003, 10005, 10006, 10011, 200001, 200002, 200003, 200004, 200005, 200006, 200007];

export function describeVendorCode(code: number): string {
  if (code in VENDOR_CODES) return VENDOR_CODES[code as VendorCode];
  if (code >= 200008 && code <= 200024) return 'business error';
  return 'undocumented code';
}
