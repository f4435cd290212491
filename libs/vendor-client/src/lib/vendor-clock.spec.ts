import { describeClockOffset, parseVendorTime, VendorClock, type VendorClockEvent } from './vendor-clock';

const VENDOR_NOON = '2026-11-27T20:00:00.1234567+08:00';
const NOON_UTC = Date.parse('2026-11-27T12:00:00.123Z');

function clockAt(now: number) {
  const events: VendorClockEvent[] = [];
  const state = { now };
  const clock = new VendorClock(
    () => state.now,
    60_000,
    (event) => events.push(event),
  );
  return { clock, events, state };
}

describe('parseVendorTime', () => {
  it.each([
    [VENDOR_NOON, NOON_UTC],
    ['2026-11-27T20:00:00+08:00', Date.parse('2026-11-27T12:00:00Z')],
    ['2026-11-27T12:00:00.5Z', Date.parse('2026-11-27T12:00:00.500Z')],
  ])('%s', (text, ms) => expect(parseVendorTime(text)).toBe(ms));

  it.each([
    null,
    42,
    '',
    '添加时间',
    '2026-11-27 20:00:00',
    '2026-11-27T20:00:00',
    '2026-13-45T99:00:00+08:00',
    // Date.parse reads this extended year; the vendor never writes one.
    '+002026-11-27T20:00:00+08:00',
  ])('refuses %p', (value) => {
    expect(parseVendorTime(value)).toBeUndefined();
  });
});

describe('describeClockOffset', () => {
  it.each([
    [664_000, "our clock is 11 min 4 s ahead of the vendor's"],
    [-660_000, "our clock is 11 min behind the vendor's"],
    [-3_725_000, "our clock is 1 h 2 min 5 s behind the vendor's"],
    [45_400, "our clock is 45 s ahead of the vendor's"],
    [300, "our clock agrees with the vendor's (within a second)"],
    [null, "the vendor's clock is not known yet (no answer carried its time)"],
  ])('%p → %s', (offset, text) => expect(describeClockOffset(offset)).toBe(text));
});

describe('VendorClock', () => {
  it('measures our clock minus the vendor’s at the midpoint of the exchange', () => {
    const { clock } = clockAt(NOON_UTC);
    clock.observe(VENDOR_NOON, NOON_UTC + 660_000, NOON_UTC + 660_200);
    expect(clock.snapshot()).toEqual({ offsetMs: 660_100, correcting: false });
  });

  it('ignores an answer without a readable msgTime', () => {
    const { clock } = clockAt(NOON_UTC);
    clock.observe(VENDOR_NOON, NOON_UTC + 5_000, NOON_UTC + 5_000);
    clock.observe('不是时间', NOON_UTC, NOON_UTC);
    clock.observe(undefined, NOON_UTC, NOON_UTC);
    expect(clock.snapshot().offsetMs).toBe(5_000);
  });

  it('signs with our own time until the vendor refuses a timestamp, then with the vendor’s', () => {
    const { clock, events, state } = clockAt(NOON_UTC + 660_000);
    expect(clock.signingTime()).toBe(NOON_UTC + 660_000);
    clock.observe(VENDOR_NOON, state.now, state.now);
    expect(clock.signingTime()).toBe(NOON_UTC + 660_000);
    expect(clock.correct('GetAccessToken', 200005)).toBe(true);
    expect(clock.signingTime()).toBe(NOON_UTC);
    expect(events.at(-1)).toEqual({
      kind: 'corrected',
      offsetMs: 660_000,
      endpoint: 'GetAccessToken',
      code: 200005,
    });
    state.now += 1_000;
    expect(clock.signingTime()).toBe(NOON_UTC + 1_000);
  });

  it('cannot correct before any answer dated the vendor’s clock', () => {
    const { clock, events } = clockAt(NOON_UTC);
    expect(clock.correct('staff', 10006)).toBe(false);
    expect(clock.signingTime()).toBe(NOON_UTC);
    expect(events).toEqual([]);
  });

  it('warns once when the offset passes the threshold, again when it changes side, and when it is back', () => {
    const { clock, events } = clockAt(NOON_UTC);
    const observeAt = (offsetMs: number) =>
      clock.observe(VENDOR_NOON, NOON_UTC + offsetMs, NOON_UTC + offsetMs);
    observeAt(59_000);
    // 60 s exactly is not past the threshold.
    observeAt(60_000);
    expect(events).toEqual([]);
    observeAt(61_000);
    observeAt(62_000);
    expect(events).toEqual([{ kind: 'skew', offsetMs: 61_000 }]);
    observeAt(-90_000);
    expect(events.at(-1)).toEqual({ kind: 'skew', offsetMs: -90_000 });
    observeAt(1_000);
    expect(events.at(-1)).toEqual({ kind: 'skew-resolved', offsetMs: 1_000 });
    expect(events).toHaveLength(3);
  });
});
