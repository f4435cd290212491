import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Base64(HMAC-SHA1(key = appkey, message)): the vendor's signature before url-encoding. */
export function signatureBase64(appKey: string, message: string): string {
  return createHmac('sha1', appKey).update(message, 'utf8').digest('base64');
}

/** What a well-behaved client sends: the base64 signature url-encoded. */
export function vendorSignature(appKey: string, message: string): string {
  return encodeURIComponent(signatureBase64(appKey, message));
}

/**
 * Clients encode with .NET's HttpUtility (lowercase escapes), WebUtility (uppercase) or not at all;
 * the vendor accepts all three, so the received value is decoded before comparing.
 */
export function verifySignature(appKey: string, message: string, received: string): boolean {
  let decoded = received;
  if (received.includes('%')) {
    try {
      decoded = decodeURIComponent(received);
    } catch {
      return false;
    }
  }
  // Hashing both sides first keeps the comparison constant-time whatever the received length.
  const expected = createHash('sha256').update(signatureBase64(appKey, message)).digest();
  const actual = createHash('sha256').update(decoded).digest();
  return timingSafeEqual(expected, actual);
}
