import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { AUTH_CODES, CLOCK_CODES, TOKEN_RENEWAL_CODES } from '../wire/codes';
import { VENDOR_ENDPOINTS, type VendorEndpointName, type WireRecordByEndpoint } from '../wire/endpoints';
import type { WireLabelQuery, WireOperatorAccountQuery, WireStaffQuery } from '../wire/wire-types';
import { answerHead, decodeUtf8 } from './answer-fingerprint';
import { joinVendorUrl, parseBaseUrl } from './base-url';
import { sendToVendor, type VendorHttpRequest } from './http-send';
import { readEnvelope, type HttpExchange } from './envelope';
import { backoffDelayMs, isBreakerFailure, isRetryable } from './retry-policy';
import { signedHeaders, vendorSignature } from './signing';
import { inspect } from 'node:util';
import { TokenProvider } from './token-provider';
import { tracedCall, tracedExchange } from './vendor-tracing';
import { VendorClock, type VendorClockListener, type VendorClockSnapshot } from './vendor-clock';
import {
  VendorConnection,
  type VendorConnectionListener,
  type VendorConnectionStatus,
} from './vendor-connection';
import {
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_RETRY,
  type ResolvedVendorClientOptions,
  type VendorCallEvent,
  type VendorCallListener,
  type VendorCallOutcome,
  type VendorClientOptions,
} from './vendor-client.options';
import {
  VendorAuthError,
  VendorCircuitOpenError,
  VendorError,
  VendorNetworkError,
  VendorTimeoutError,
} from './vendor-errors';

export interface VendorResponse<T> {
  values: T[];
  requestId: string | null;
  msgTime: string | null;
  attempts: number;
  /**
   * Equal for two answers that differ in nothing but `msgTime` and `requestId`; null when the answer is not
   * shaped to tell.
   */
  fingerprint: string | null;
}

export interface VendorCallRequest {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * An earlier answer to this call. When the vendor answers the same again (its fingerprint), that
   * answer's `values` (the same array) come back without the new answer being decoded or parsed.
   */
  previous?: Pick<VendorResponse<unknown>, 'values' | 'fingerprint'>;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** A snapshot for readiness checks: is any circuit open, and did the last exchange fail on the wire. */
export interface VendorReachability {
  reachable: boolean;
  openCircuits: string[];
  /** The latest exchange with the vendor, a call or a token request, failed on the network or timed out. */
  lastCallFailedOnNetwork: boolean;
}

interface CallState {
  attempts: number;
  tokenRenewed: boolean;
  clockCorrected: boolean;
}

/**
 * The vendor's basic-data API as typed calls: obtains and renews the token, signs every call, reads
 * the envelope, retries what is safe to retry, and keeps a circuit breaker per endpoint.
 */
export class VendorClient {
  private readonly options: ResolvedVendorClientOptions;
  private readonly tokens: TokenProvider;
  private readonly breakers = new Map<VendorEndpointName, CircuitBreakerPolicy>();
  private readonly listeners = new Set<VendorCallListener>();
  private readonly clockListeners = new Set<VendorClockListener>();
  private readonly connectionListeners = new Set<VendorConnectionListener>();
  private readonly vendorClock: VendorClock;
  private readonly vendorConnection: VendorConnection;
  private lastCallFailedOnNetwork = false;

  constructor(options: VendorClientOptions) {
    parseBaseUrl(options.baseUrl);
    if (!options.appId) throw new TypeError('VendorClient needs an appId');
    if (!options.appKey) throw new TypeError('VendorClient needs an appKey');
    this.options = {
      baseUrl: options.baseUrl,
      appId: options.appId,
      timeoutMs: options.timeoutMs ?? 5000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, ...options.circuitBreaker },
      tokenRefreshMarginSeconds: options.tokenRefreshMarginSeconds ?? 300,
      clockSkewWarningMs: options.clockSkewWarningMs ?? 60_000,
      now: options.now ?? Date.now,
    };
    this.vendorClock = new VendorClock(this.options.now, this.options.clockSkewWarningMs, (event) =>
      notify(this.clockListeners, event),
    );
    this.vendorConnection = new VendorConnection(this.options.now, (change) =>
      notify(this.connectionListeners, change),
    );
    // The appkey lives only in this closure and the token provider, never on an enumerable property.
    const appKey = options.appKey;
    this.sign = (token) => signedHeaders(appKey, token, this.vendorClock.signingTime());
    this.tokens = new TokenProvider({
      baseUrl: this.options.baseUrl,
      appId: this.options.appId,
      sign: (message) => vendorSignature(appKey, message),
      marginSeconds: this.options.tokenRefreshMarginSeconds,
      now: this.options.now,
      send: (url, request) =>
        this.exchange('GetAccessToken', url, request, 1, Date.now() + this.options.timeoutMs),
      read: (endpoint, exchange, attempts) => this.read(endpoint, exchange, attempts),
      clock: this.vendorClock,
      obtained: () => this.answered(),
    });
    if (options.onCall) this.listeners.add(options.onCall);
    if (options.onClock) this.clockListeners.add(options.onClock);
    for (const name of Object.keys(VENDOR_ENDPOINTS) as VendorEndpointName[]) {
      this.breakers.set(
        name,
        circuitBreaker(handleWhen(isBreakerFailure), {
          halfOpenAfter: this.options.circuitBreaker.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.options.circuitBreaker.consecutiveFailures),
        }),
      );
    }
  }

  private readonly sign: (token: string) => Record<string, string>;

  /** 运营号配置 `GET WeCaht`; `ad_wechat_lei` 0 personal WeChat (default), 3 WeCom. */
  getOperatorAccounts(query: WireOperatorAccountQuery = {}) {
    return this.call('operatorAccounts', { query: { ...query } });
  }

  /** 员工配置 `GET staff`. */
  getStaff(query: WireStaffQuery = {}) {
    return this.call('staff', { query: { ...query } });
  }

  /** 员工管理运营机 `POST staff/GetStaffWechat`; no code answers every staff member's accounts. */
  getStaffOperatorAccounts(staffCode?: string) {
    // Stryker disable next-line ConditionalExpression: With staffCode undefined the body would be {
    // ad_staff_code: undefined }, which JSON.stringify writes as {} just like the empty object.
    return this.call('staffWechat', { body: staffCode === undefined ? {} : { ad_staff_code: staffCode } });
  }

  /** 标签分类 `GET Label`. */
  getLabelCategories() {
    return this.call('labelCategories');
  }

  /** 标签配置 `GET wecahtlabel`; `categories` -1 (default) for all. */
  getLabels(query: WireLabelQuery = {}) {
    return this.call('labels', { query: { ...query } });
  }

  /** 投放组配置 `GET AdManage`. */
  getAdGroups() {
    return this.call('adGroups');
  }

  /** 好友自定义属性配置 `GET friend/GetCustomAttributeList`. */
  getCustomAttributes() {
    return this.call('customAttributes');
  }

  onCall(listener: VendorCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Clock skew passing the warning threshold or going back, and calls repeated with the vendor's time. */
  onClock(listener: VendorClockListener): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  /** Our clock minus the vendor's, as the latest answer's `msgTime` showed it. */
  clock(): VendorClockSnapshot {
    return this.vendorClock.snapshot();
  }

  /**
   * Whether the vendor accepts us now: ok, credentials or timestamps refused, unreachable, or not known yet.
   */
  connection(): VendorConnectionStatus {
    return this.vendorConnection.snapshot();
  }

  /** Told when the connection state changes (e.g. the vendor starts or stops refusing our appkey). */
  onConnection(listener: VendorConnectionListener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /**
   * Asks the vendor for a new token now, to learn whether it accepts our AppId, appkey and clock;
   * resolves with the token's expiry on our clock (null when the vendor gave none readable), rejects
   * with the VendorError that says why not.
   */
  async connect(): Promise<{ tokenExpiresAt: number | null }> {
    try {
      await this.tokens.renew();
    } catch (error) {
      this.failed(error);
      throw error;
    }
    this.answered();
    return { tokenExpiresAt: this.tokens.expiresAt };
  }

  circuitState(endpoint: VendorEndpointName): CircuitStateName {
    const state = this.breakers.get(endpoint)?.state;
    // Stryker disable next-line ConditionalExpression: The client never isolates a breaker (isolate() is not
    // called and the breakers are private), so no circuit can be in the Isolated state.
    if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
    if (state === CircuitState.HalfOpen) return 'half-open';
    return 'closed';
  }

  reachability(): VendorReachability {
    const openCircuits = [...this.breakers.keys()]
      .filter((name) => this.circuitState(name) === 'open')
      .map((name) => VENDOR_ENDPOINTS[name].path);
    return {
      reachable: openCircuits.length === 0 && !this.lastCallFailedOnNetwork,
      openCircuits,
      lastCallFailedOnNetwork: this.lastCallFailedOnNetwork,
    };
  }

  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.options.baseUrl,
      appId: this.options.appId,
      timeoutMs: this.options.timeoutMs,
      ...this.reachability(),
    };
  }

  [inspect.custom](): string {
    return `VendorClient ${inspect(this.toJSON())}`;
  }

  get tokenRequests(): number {
    return this.tokens.requestCount;
  }

  /** One call of a basic-data endpoint, with token renewal, retries and its circuit breaker. */
  async call<E extends VendorEndpointName>(
    endpoint: E,
    request: VendorCallRequest = {},
  ): Promise<VendorResponse<WireRecordByEndpoint[E]>> {
    const state: CallState = { attempts: 0, tokenRenewed: false, clockCorrected: false };
    return tracedCall(
      VENDOR_ENDPOINTS[endpoint].path,
      () => this.callUnderBreaker(endpoint, request, state),
      () => state.attempts,
    );
  }

  private async callUnderBreaker<E extends VendorEndpointName>(
    endpoint: E,
    request: VendorCallRequest,
    state: CallState,
  ): Promise<VendorResponse<WireRecordByEndpoint[E]>> {
    const { path } = VENDOR_ENDPOINTS[endpoint];
    const started = performance.now();
    const breaker = this.breakers.get(endpoint) as CircuitBreakerPolicy;
    try {
      const response = await breaker.execute(() => this.attemptWithRetries(endpoint, request, state));
      this.answered();
      this.emit({
        endpoint: path,
        outcome: 'success',
        latencyMs: performance.now() - started,
        attempts: state.attempts,
        tokenRenewed: state.tokenRenewed,
      });
      return response as VendorResponse<WireRecordByEndpoint[E]>;
    } catch (raw) {
      const error =
        raw instanceof BrokenCircuitError
          ? new VendorCircuitOpenError({ endpoint: path, attempts: state.attempts })
          : raw;
      this.failed(error);
      this.emit({
        endpoint: path,
        outcome: outcomeOf(error),
        latencyMs: performance.now() - started,
        attempts: state.attempts,
        code: error instanceof VendorError ? error.upstream?.code : undefined,
        codeClass: error instanceof VendorError ? error.upstream?.class : undefined,
        tokenRenewed: state.tokenRenewed,
      });
      throw error;
    }
  }

  private answered(): void {
    this.lastCallFailedOnNetwork = false;
    this.vendorConnection.succeeded();
  }

  private failed(error: unknown): void {
    if (error instanceof VendorError && error.kind !== 'circuit-open') {
      this.lastCallFailedOnNetwork = error.kind === 'network' || error.kind === 'timeout';
    }
    this.vendorConnection.failed(error);
  }

  // Not cockatiel's retry and timeout policies: they cannot stop before a pause that would pass the
  // call's deadline, nor give up with the last attempt's own error once it has passed.
  private async attemptWithRetries(
    endpoint: VendorEndpointName,
    request: VendorCallRequest,
    state: CallState,
  ): Promise<VendorResponse<unknown>> {
    const { retry } = this.options;
    const deadline = Date.now() + retry.deadlineMs;
    for (;;) {
      try {
        return await this.attempt(endpoint, request, state, deadline);
      } catch (error) {
        const delay = backoffDelayMs(retry, state.attempts);
        if (!isRetryable(error) || state.attempts >= retry.maxAttempts || Date.now() + delay >= deadline)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async attempt(
    endpoint: VendorEndpointName,
    request: VendorCallRequest,
    state: CallState,
    deadline: number,
  ): Promise<VendorResponse<unknown>> {
    const { path, method } = VENDOR_ENDPOINTS[endpoint];
    const url = joinVendorUrl(this.options.baseUrl, path, request.query);
    const body = method === 'POST' ? JSON.stringify(request.body ?? {}) : undefined;
    // Counted before the token: a token request that fails is an attempt too, else an unreachable
    // vendor was retried without count until the deadline (15 s by default) instead of maxAttempts times.
    state.attempts += 1;
    const token = await this.tokens.token();
    try {
      return await tracedExchange(method, path, url, state.attempts, async (span) => {
        const exchange = await this.exchange(
          path,
          url,
          { method, headers: { ...this.sign(token), 'Content-Type': 'text/json' }, body },
          state.attempts,
          deadline,
        );
        span.setAttribute('http.response.status_code', exchange.status);
        const head = answerHead(exchange.chunks);
        const { previous } = request;
        if (head && previous?.fingerprint === head.fingerprint) {
          // The same success as before, but for msgTime and requestId: its values stand.
          this.vendorClock.observe(head.fields.msgTime, exchange.sentAt, exchange.receivedAt);
          return answerOf(head.fields, previous.values, state.attempts, head.fingerprint);
        }
        const envelope = this.read(path, exchange, state.attempts);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: null and undefined are not arrays:
        // however this test is changed, the next line (Array.isArray) answers [] for them just the same.
        const values = envelope.values === null || envelope.values === undefined ? [] : envelope.values;
        return answerOf(
          envelope,
          Array.isArray(values) ? values : [],
          state.attempts,
          head?.fingerprint ?? null,
        );
      });
    } catch (error) {
      const code = error instanceof VendorError ? error.upstream?.code : undefined;
      if (code !== undefined && TOKEN_RENEWAL_CODES.includes(code)) {
        if (!state.tokenRenewed) {
          state.tokenRenewed = true;
          this.tokens.invalidate(token);
          return this.attempt(endpoint, request, state, deadline);
        }
      }
      if (
        code !== undefined &&
        CLOCK_CODES.includes(code) &&
        !state.clockCorrected &&
        this.vendorClock.correct(path, code)
      ) {
        state.clockCorrected = true;
        return this.attempt(endpoint, request, state, deadline);
      }
      if (code !== undefined && AUTH_CODES.includes(code)) {
        throw new VendorAuthError({
          endpoint: path,
          attempts: state.attempts,
          upstream: (error as VendorError).upstream,
          clockOffsetMs: this.vendorClock.snapshot().offsetMs,
        });
      }
      throw error;
    }
  }

  /** The envelope of an answer; every well-formed one, refusals included, dates the vendor's clock. */
  private read(endpoint: string, exchange: HttpExchange, attempts: number) {
    return readEnvelope(endpoint, exchange, attempts, (envelope) =>
      this.vendorClock.observe(envelope.msgTime, exchange.sentAt, exchange.receivedAt),
    );
  }

  /** One HTTP exchange under the per-attempt timeout, bounded by the call's deadline. */
  private async exchange(
    endpoint: string,
    url: string,
    request: VendorHttpRequest,
    attempts: number,
    deadline: number,
  ): Promise<HttpExchange & { chunks: Buffer[] }> {
    const timeoutMs = Math.max(1, Math.min(this.options.timeoutMs, deadline - Date.now()));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const sentAt = this.options.now();
      const { status, chunks } = await sendToVendor(url, request, controller.signal);
      let text: string | undefined;
      return {
        status,
        chunks,
        // Decoded only when read: an answer known by its fingerprint never is.
        get body() {
          text ??= decodeUtf8(Buffer.concat(chunks));
          return text;
        },
        sentAt,
        receivedAt: this.options.now(),
      };
    } catch (error) {
      if (controller.signal.aborted) throw new VendorTimeoutError({ endpoint, attempts, timeoutMs });
      throw new VendorNetworkError({ endpoint, attempts, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  private emit(event: VendorCallEvent): void {
    notify(this.listeners, event);
  }
}

function answerOf(
  envelope: { requestId?: unknown; msgTime?: unknown },
  values: unknown[],
  attempts: number,
  fingerprint: string | null,
): VendorResponse<unknown> {
  return {
    values,
    requestId: typeof envelope.requestId === 'string' ? envelope.requestId : null,
    msgTime: typeof envelope.msgTime === 'string' ? envelope.msgTime : null,
    attempts,
    fingerprint,
  };
}

function notify<E>(listeners: Iterable<(event: E) => void>, event: E): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // An observer's failure must not turn a vendor answer into an error.
    }
  }
}

function outcomeOf(error: unknown): VendorCallOutcome {
  if (!(error instanceof VendorError)) return 'network-error';
  switch (error.kind) {
    case 'auth':
      return 'auth-error';
    case 'envelope':
      return 'envelope-error';
    case 'timeout':
      return 'timeout';
    case 'network':
      return 'network-error';
    case 'circuit-open':
      return 'circuit-open';
    default:
      return 'malformed-response';
  }
}
