import { TOKEN_ENDPOINT } from '../wire/endpoints';
import type { WireAccessToken, WireEnvelope } from '../wire/wire-types';
import { joinVendorUrl } from './base-url';
import { inspect } from 'node:util';
import { newNonce, unixSeconds } from './signing';
import { VendorAuthError, VendorError, VendorMalformedResponseError } from './vendor-errors';
import type { HttpExchange } from './envelope';
import type { VendorHttpRequest } from './http-send';
import type { VendorClock } from './vendor-clock';
import { tracedExchange } from './vendor-tracing';

interface HeldToken {
  value: string;
  renewAtMs: number;
  /** When the vendor says it expires, on our clock; null when its answer gave no readable expiry. */
  expiresAtMs: number | null;
}

export type TokenRequester = (url: string, request: VendorHttpRequest) => Promise<HttpExchange>;
/** Reads an answer's envelope (throwing VendorEnvelopeError on a refusal) and dates the vendor's clock. */
export type EnvelopeReader = (
  endpoint: string,
  exchange: HttpExchange,
  attempts: number,
) => WireEnvelope<unknown>;

export interface TokenProviderOptions {
  baseUrl: string;
  appId: string;
  /** Signs a message with the appkey, which only this function holds. */
  sign: (message: string) => string;
  /** Renew this long before the token's expiry. */
  marginSeconds: number;
  now: () => number;
  send: TokenRequester;
  read: EnvelopeReader;
  clock: VendorClock;
  /** Told each time the vendor grants a token. */
  obtained?: () => void;
}

/**
 * Obtains and keeps the access token. Concurrent callers share one token request; the token is kept
 * until `tokenRefreshMarginSeconds` before its absolute `expires_in`. A refused Timestamp is asked
 * once more, signed with the vendor's time.
 */
export class TokenProvider {
  private held: HeldToken | undefined;
  private pending: Promise<string> | undefined;
  private requests = 0;

  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = options.now;
  }

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

  /** When the held token expires (our clock), or null when none is held or its expiry was unreadable. */
  get expiresAt(): number | null {
    return this.held?.expiresAtMs ?? null;
  }

  async token(): Promise<string> {
    if (this.held && this.now() < this.held.renewAtMs) return this.held.value;
    return this.renew();
  }

  /** Asks the vendor for a new token even when one is held (sharing a request already under way). */
  renew(): Promise<string> {
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
    try {
      return await this.request();
    } catch (error) {
      const refused = error instanceof VendorAuthError ? error.upstream : undefined;
      if (refused?.class === 'clock' && this.options.clock.correct(TOKEN_ENDPOINT.path, refused.code))
        return this.request();
      throw error;
    }
  }

  private async request(): Promise<string> {
    this.requests += 1;
    const nonce = newNonce();
    const { appId, clock } = this.options;
    const timestamp = unixSeconds(clock.signingTime());
    const body = JSON.stringify({
      AppId: appId,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: this.options.sign(appId + nonce + timestamp),
    });
    const url = joinVendorUrl(this.options.baseUrl, `${TOKEN_ENDPOINT.path}?${TOKEN_ENDPOINT.query}`);
    const values = await tracedExchange('POST', TOKEN_ENDPOINT.path, url, 1, async (span) => {
      const exchange = await this.options.send(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/json' },
        body,
      });
      span.setAttribute('http.response.status_code', exchange.status);
      try {
        return this.options.read(TOKEN_ENDPOINT.path, exchange, 1).values;
      } catch (error) {
        if (error instanceof VendorError && error.kind === 'envelope') {
          throw new VendorAuthError({
            endpoint: TOKEN_ENDPOINT.path,
            attempts: 1,
            upstream: error.upstream,
            clockOffsetMs: clock.snapshot().offsetMs,
          });
        }
        throw error;
      }
    });
    const granted = values as Partial<WireAccessToken> | null;
    const value = granted?.access_token;
    if (typeof value !== 'string' || value === '') {
      throw new VendorMalformedResponseError({
        endpoint: TOKEN_ENDPOINT.path,
        attempts: 1,
        reason: 'no access_token',
      });
    }
    // Stryker disable next-line OptionalChaining: This line runs only after access_token was read as a
    // non-empty string, so granted cannot be null or undefined there.
    this.held = this.hold(value, granted?.expires_in);
    this.options.obtained?.();
    return value;
  }

  private hold(value: string, expiresIn: unknown): HeldToken {
    const expiresAtSeconds = Number(expiresIn);
    // An unreadable expiry keeps the token for a minute; a 10003 renews it earlier if need be.
    if (!Number.isFinite(expiresAtSeconds) || expiresAtSeconds <= 0)
      return { value, renewAtMs: this.now() + 60_000, expiresAtMs: null };
    // expires_in is on the vendor's clock; our clock is `offsetMs` ahead of it.
    const expiresAtMs = expiresAtSeconds * 1000 + (this.options.clock.snapshot().offsetMs ?? 0);
    return { value, renewAtMs: expiresAtMs - this.options.marginSeconds * 1000, expiresAtMs };
  }
}
