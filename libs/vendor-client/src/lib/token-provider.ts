import { TOKEN_ENDPOINT } from '../wire/endpoints';
import type { WireAccessToken } from '../wire/wire-types';
import { joinVendorUrl } from './base-url';
import { inspect } from 'node:util';
import { newNonce, unixSeconds } from './signing';
import { VendorAuthError, VendorError, VendorMalformedResponseError } from './vendor-errors';
import { readEnvelope, type HttpExchange } from './envelope';

interface HeldToken {
  value: string;
  renewAtMs: number;
}

export type TokenRequester = (url: string, init: RequestInit) => Promise<HttpExchange>;

/**
 * Obtains and keeps the access token. Concurrent callers share one token request; the token is kept
 * until `tokenRefreshMarginSeconds` before its absolute `expires_in`.
 */
export class TokenProvider {
  private held: HeldToken | undefined;
  private pending: Promise<string> | undefined;
  private requests = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly sign: (message: string) => string,
    private readonly marginSeconds: number,
    private readonly now: () => number,
    private readonly send: TokenRequester,
  ) {}

  /** How many token requests were sent; for observability and tests. */
  get requestCount(): number {
    return this.requests;
  }

  toJSON(): Record<string, unknown> {
    return { held: this.held !== undefined, requests: this.requests };
  }

  [inspect.custom](): string {
    return `TokenProvider ${inspect(this.toJSON())}`;
  }

  async token(): Promise<string> {
    if (this.held && this.now() < this.held.renewAtMs) return this.held.value;
    this.pending ??= this.obtain().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops the token if it is still the one given, so a renewal after 10003/10011 happens once. */
  invalidate(token: string): void {
    if (this.held?.value === token) this.held = undefined;
  }

  private async obtain(): Promise<string> {
    this.requests += 1;
    const nonce = newNonce();
    const timestamp = unixSeconds(this.now());
    const body = JSON.stringify({
      AppId: this.appId,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: this.sign(this.appId + nonce + timestamp),
    });
    const url = joinVendorUrl(this.baseUrl, `${TOKEN_ENDPOINT.path}?${TOKEN_ENDPOINT.query}`);
    const exchange = await this.send(url, { method: 'POST', headers: { 'Content-Type': 'text/json' }, body });
    let values: unknown;
    try {
      values = readEnvelope(TOKEN_ENDPOINT.path, exchange, 1).values;
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'envelope') {
        throw new VendorAuthError({ endpoint: TOKEN_ENDPOINT.path, attempts: 1, upstream: error.upstream });
      }
      throw error;
    }
    const granted = values as Partial<WireAccessToken> | null;
    const value = granted?.access_token;
    if (typeof value !== 'string' || value === '') {
      throw new VendorMalformedResponseError({ endpoint: TOKEN_ENDPOINT.path, attempts: 1, reason: 'no access_token' });
    }
    this.held = { value, renewAtMs: this.renewAt(granted?.expires_in) };
    return value;
  }

  private renewAt(expiresIn: unknown): number {
    const expiresAtSeconds = Number(expiresIn);
    // An unreadable expiry keeps the token for a minute; a 10003 renews it earlier if need be.
    if (!Number.isFinite(expiresAtSeconds)) return this.now() + 60_000;
    return expiresAtSeconds * 1000 - this.marginSeconds * 1000;
  }
}
