import { createHmac, randomBytes } from 'node:crypto';

/** UrlEncode(Base64(HMAC-SHA1(key = appkey, message))), as the vendor documents its signature. */
export function vendorSignature(appKey: string, message: string): string {
  return encodeURIComponent(createHmac('sha1', appKey).update(message, 'utf8').digest('base64'));
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function unixSeconds(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

/** The four headers every signed call carries. */
export function signedHeaders(appKey: string, accessToken: string, nowMs: number): Record<string, string> {
  const nonce = newNonce();
  const timestamp = unixSeconds(nowMs);
  return {
    access_token: accessToken,
    Nonce: nonce,
    Timestamp: timestamp,
    Signature: vendorSignature(appKey, accessToken + nonce + timestamp),
  };
}
