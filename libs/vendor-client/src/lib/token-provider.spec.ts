import { inspect } from 'node:util';
import { readEnvelope, type HttpExchange } from './envelope';
import { TokenProvider } from './token-provider';
import { VendorClock } from './vendor-clock';
import { VendorAuthError, VendorMalformedResponseError } from './vendor-errors';

const T = Date.parse('2026-11-27T12:00:00.000Z');
const MARGIN_SECONDS = 300;

/** A token provider whose vendor answers what `answers` holds next, on a clock the test moves. */
function provider(answers: ((now: number) => string)[]) {
  const clock = { now: T };
  const sent: RequestInit[] = [];
  let obtained = 0;
  const vendorClock = new VendorClock(
    () => clock.now,
    60_000,
    () => undefined,
  );
  const tokens = new TokenProvider({
    baseUrl: 'http://vendor.test/publicapi/v1/',
    appId: 'app',
    sign: (message) => `signed(${message})`,
    marginSeconds: MARGIN_SECONDS,
    now: () => clock.now,
    send: async (_url, init): Promise<HttpExchange> => {
      sent.push(init);
      const answer = answers.shift() ?? answers.at(-1);
      if (!answer) throw new Error('no answer left');
      return { status: 200, body: answer(clock.now), sentAt: clock.now, receivedAt: clock.now };
    },
    read: (endpoint, exchange, attempts) =>
      readEnvelope(endpoint, exchange, attempts, (envelope) =>
        vendorClock.observe(envelope.msgTime, exchange.sentAt, exchange.receivedAt),
      ),
    clock: vendorClock,
    obtained: () => (obtained += 1),
  });
  return { tokens, clock, sent, obtained: () => obtained };
}

const granted = (token: string, expiresIn: unknown, msgTime?: string) => () =>
  JSON.stringify({
    errmsg: 10004,
    succeed: true,
    msgTime,
    values: { access_token: token, expires_in: expiresIn },
  });

describe('TokenProvider', () => {
  it('serialises and inspects as whether a token is held and how many were asked, never the token', async () => {
    const { tokens } = provider([granted('tok-1', T / 1000 + 3600)]);
    expect(tokens.toJSON()).toEqual({ held: false, requests: 0 });
    await tokens.token();
    expect(tokens.toJSON()).toEqual({ held: true, requests: 1 });
    expect(inspect(tokens)).toBe('TokenProvider { held: true, requests: 1 }');
  });

  it('asks for the token with a text/json body', async () => {
    const { tokens, sent } = provider([granted('tok-1', T / 1000 + 3600)]);
    await tokens.token();
    expect(sent).toEqual([
      expect.objectContaining({ method: 'POST', headers: { 'Content-Type': 'text/json' } }),
    ]);
  });

  it('keeps the token until the margin before its expiry, and renews it from then on', async () => {
    const expiresIn = T / 1000 + 3600;
    const renewAt = expiresIn * 1000 - MARGIN_SECONDS * 1000;
    const { tokens, clock } = provider([granted('tok-1', expiresIn), granted('tok-2', expiresIn + 3600)]);
    expect(await tokens.token()).toBe('tok-1');
    expect(tokens.expiresAt).toBe(expiresIn * 1000);
    clock.now = renewAt - 1;
    expect(await tokens.token()).toBe('tok-1');
    clock.now = renewAt;
    expect(await tokens.token()).toBe('tok-2');
    expect(tokens.requestCount).toBe(2);
  });

  it('places the vendor’s expiry on our clock, which runs ahead of the vendor’s by the measured offset', async () => {
    const expiresIn = T / 1000 + 3600;
    // The answer is stamped 5 s before our clock: we are 5 s ahead.
    const { tokens } = provider([granted('tok-1', expiresIn, new Date(T - 5_000).toISOString())]);
    await tokens.token();
    expect(tokens.expiresAt).toBe(expiresIn * 1000 + 5_000);
  });

  it.each([0, -5, 'soon', null, undefined])(
    'keeps a token with the unreadable expiry %p for a minute',
    async (expiresIn) => {
      const { tokens, clock } = provider([granted('tok-1', expiresIn), granted('tok-2', expiresIn)]);
      expect(await tokens.token()).toBe('tok-1');
      expect(tokens.expiresAt).toBeNull();
      clock.now = T + 59_999;
      expect(await tokens.token()).toBe('tok-1');
      clock.now = T + 60_000;
      expect(await tokens.token()).toBe('tok-2');
    },
  );

  it('drops the held token only when it is the one that was refused', async () => {
    const { tokens } = provider([granted('tok-1', T / 1000 + 3600), granted('tok-2', T / 1000 + 3600)]);
    await tokens.token();
    tokens.invalidate('an-older-token');
    expect(await tokens.token()).toBe('tok-1');
    tokens.invalidate('tok-1');
    expect(await tokens.token()).toBe('tok-2');
    expect(tokens.requestCount).toBe(2);
  });

  it.each([
    [
      'an empty access_token',
      JSON.stringify({ errmsg: 10004, succeed: true, values: { access_token: '', expires_in: 1 } }),
    ],
    ['no values', JSON.stringify({ errmsg: 10004, succeed: true, values: null })],
    [
      'a numeric access_token',
      JSON.stringify({ errmsg: 10004, succeed: true, values: { access_token: 42 } }),
    ],
  ])('reports %s as a malformed answer, not as a token', async (_, body) => {
    const { tokens, obtained } = provider([() => body]);
    const error = await tokens.token().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorMalformedResponseError);
    expect((error as Error).message).toBe(
      'vendor answered GetAccessToken with a body that is not its envelope (no access_token)',
    );
    expect(obtained()).toBe(0);
  });

  it('reports a body that is no envelope as malformed, not as refused credentials', async () => {
    const { tokens } = provider([() => '<html>Service Unavailable</html>']);
    const error = await tokens.token().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorMalformedResponseError);
    expect(error).not.toBeInstanceOf(VendorAuthError);
  });
});
