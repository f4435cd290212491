import { createHmac, randomBytes } from 'node:crypto';

/**
 * UrlEncode(Base64(HMAC-SHA1(key = appkey, message))): how the vendor signs, spelled out independently of the
 * client library.
 */
export function vendorSignature(appKey: string, message: string): string {
  return encodeURIComponent(createHmac('sha1', appKey).update(message, 'utf8').digest('base64'));
}

/** The four headers of a signed vendor call; override any of them to build a deliberately bad call. */
export function signedVendorHeaders(
  appKey: string,
  accessToken: string,
  overrides: { nonce?: string; timestamp?: string | number } = {},
): Record<string, string> {
  const nonce = overrides.nonce ?? randomBytes(8).toString('hex');
  const timestamp = String(overrides.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    access_token: accessToken,
    Nonce: nonce,
    Timestamp: timestamp,
    Signature: vendorSignature(appKey, accessToken + nonce + timestamp),
  };
}

/** Obtains an access token from `POST GetAccessToken?format=json` at `baseUrl`; throws on a refusal. */
export async function fetchVendorToken(baseUrl: string, appId: string, appKey: string): Promise<string> {
  const nonce = randomBytes(8).toString('hex');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${baseUrl}GetAccessToken?format=json`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/json' },
    body: JSON.stringify({
      AppId: appId,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: vendorSignature(appKey, appId + nonce + timestamp),
    }),
  });
  const envelope = (await response.json()) as {
    succeed?: boolean;
    errmsg?: number;
    values?: { access_token?: string };
  };
  if (!envelope.succeed || typeof envelope.values?.access_token !== 'string') {
    throw new Error(`GetAccessToken refused: errmsg ${String(envelope.errmsg)}`);
  }
  return envelope.values.access_token;
}
