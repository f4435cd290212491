import { faultAction, FaultStore, FaultValidationError, parseFault } from './fault-store';

describe('parseFault', () => {
  it('normalises the endpoint and keeps the given fields', () => {
    expect(parseFault({ endpoint: '/Label', latencyMs: 5, errmsg: 200011, errdesc: 'x', times: 2 })).toEqual({
      endpoint: 'Label',
      latencyMs: 5,
      errmsg: 200011,
      errdesc: 'x',
      times: 2,
    });
  });

  it.each([
    null,
    3,
    'x',
    [],
    { nope: 1 },
    { endpoint: 'WECAHT', errmsg: 1 },
    { truncate: true, html: true },
    { drop: true, status: 500 },
    { latencyMs: Infinity },
  ])('refuses %j', (input) => {
    expect(() => parseFault(input)).toThrow(FaultValidationError);
  });
});

describe('faultAction', () => {
  it.each([
    [{ drop: true }, 'drop'],
    [{ hang: true }, 'hang'],
    [{ truncate: true, status: 502 }, 'truncate'],
    [{ errmsg: 1, status: 500 }, 'envelope'],
    [{ html: true }, 'html'],
    [{ status: 503 }, 'html'],
    [{ latencyMs: 10 }, 'none'],
  ])('%j → %s', (fault, action) => expect(faultAction(fault)).toBe(action));
});

describe('FaultStore', () => {
  it('applies the oldest match and forgets a fault once its times are used', () => {
    const store = new FaultStore();
    store.add({ endpoint: 'staff', errmsg: 1, times: 1 });
    store.add({ errmsg: 2 });
    expect(store.take('WeCaht')?.errmsg).toBe(2);
    expect(store.take('staff')?.errmsg).toBe(1);
    expect(store.take('staff')?.errmsg).toBe(2);
    expect(store.list()).toHaveLength(1);
    store.clear();
    expect(store.take('staff')).toBeUndefined();
  });
});
