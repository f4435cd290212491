import { VendorConnection, type VendorConnectionChange } from './vendor-connection';
import {
  upstreamStatus,
  VendorAuthError,
  VendorCircuitOpenError,
  VendorEnvelopeError,
  VendorMalformedResponseError,
  VendorNetworkError,
  VendorTimeoutError,
} from './vendor-errors';

const refused = (code: number) =>
  new VendorAuthError({ endpoint: 'GetAccessToken', attempts: 1, upstream: upstreamStatus(code, '', null) });

function connection() {
  const changes: VendorConnectionChange[] = [];
  const clock = { now: 1_000 };
  const followed = new VendorConnection(
    () => clock.now,
    (change) => changes.push(change),
  );
  return { followed, changes, clock };
}

describe('VendorConnection', () => {
  it.each([
    [
      'refused credentials',
      refused(200006),
      {
        state: 'credentials-refused',
        refusal: {
          endpoint: 'GetAccessToken',
          code: 200006,
          meaning: 'wrong signing key (the signature does not match the appkey)',
        },
      },
    ],
    [
      'a refused timestamp',
      refused(200005),
      {
        state: 'clock-refused',
        refusal: {
          endpoint: 'GetAccessToken',
          code: 200005,
          meaning: 'the request is more than 10 minutes old',
        },
      },
    ],
    [
      'a network failure',
      new VendorNetworkError({ endpoint: 'staff', attempts: 3 }),
      { state: 'unreachable', failure: { endpoint: 'staff', kind: 'network' } },
    ],
    [
      'a timeout',
      new VendorTimeoutError({ endpoint: 'WeCaht', attempts: 1, timeoutMs: 300 }),
      { state: 'unreachable', failure: { endpoint: 'WeCaht', kind: 'timeout' } },
    ],
  ])('%s moves it and tells the listener', (_, error, status) => {
    const { followed, changes, clock } = connection();
    clock.now = 2_000;
    followed.failed(error);
    expect(followed.snapshot()).toEqual({ ...status, since: 2_000 });
    expect(changes).toEqual([
      { status: { ...status, since: 2_000 }, previous: { state: 'unknown', since: 1_000 } },
    ]);
  });

  it.each([
    [
      'a failure envelope',
      new VendorEnvelopeError({ endpoint: 'staff', attempts: 1, upstream: upstreamStatus(200012, '', null) }),
    ],
    [
      'a malformed answer',
      new VendorMalformedResponseError({ endpoint: 'staff', attempts: 1, reason: 'x', httpStatus: 500 }),
    ],
    ['an open circuit', new VendorCircuitOpenError({ endpoint: 'staff', attempts: 0 })],
    ['an auth error without a code', new VendorAuthError({ endpoint: 'staff', attempts: 1 })],
    ['another error', new Error('bug')],
  ])('%s says nothing of the connection', (_, error) => {
    const { followed, changes } = connection();
    followed.succeeded();
    followed.failed(error);
    expect(followed.snapshot().state).toBe('ok');
    expect(changes).toHaveLength(1);
  });

  it('tells only changes: of state, or of the code the vendor refuses us with', () => {
    const { followed, changes, clock } = connection();
    followed.failed(refused(200006));
    clock.now = 5_000;
    followed.failed(refused(200006));
    expect(changes).toHaveLength(1);
    expect(followed.snapshot().since).toBe(1_000);
    followed.failed(refused(10005));
    expect(changes).toHaveLength(2);
    expect(changes[1].previous.refusal?.code).toBe(200006);
    expect(followed.snapshot()).toMatchObject({
      state: 'credentials-refused',
      since: 5_000,
      refusal: { code: 10005 },
    });
    followed.failed(new VendorNetworkError({ endpoint: 'staff', attempts: 1 }));
    followed.failed(new VendorTimeoutError({ endpoint: 'staff', attempts: 1, timeoutMs: 5 }));
    followed.succeeded();
    followed.succeeded();
    expect(changes.map((change) => change.status.state)).toEqual([
      'credentials-refused',
      'credentials-refused',
      'unreachable',
      'ok',
    ]);
  });
});
