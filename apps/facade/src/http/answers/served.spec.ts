import { Served } from './served';

describe('Served', () => {
  it('carries a single resource’s basis and builds its body only when asked', () => {
    const build = jest.fn(() => ({ code: 'b01' }));
    const served = Served.of({ cache: 'HIT', version: 'v7', freshUntil: 1_234 }, build);
    expect(served).toMatchObject({ cache: 'HIT', version: 'v7', freshUntil: 1_234, list: false });
    expect(build).not.toHaveBeenCalled();
    expect(served.build()).toEqual({ code: 'b01' });
  });

  it('marks a list, which may also be answered as CSV', () => {
    const served = Served.list({ cache: 'MISS', version: 'v1', freshUntil: 5 }, () => ({
      data: [1],
      meta: { total: 1, limit: 50, offset: 0 },
    }));
    expect(served).toMatchObject({ cache: 'MISS', version: 'v1', freshUntil: 5, list: true });
    expect(served.build()).toEqual({ data: [1], meta: { total: 1, limit: 50, offset: 0 } });
  });

  it.each([
    ['a single resource', Served.of({ version: 'v1' }, () => null)],
    ['a list', Served.list({ version: 'v1' }, () => ({ data: [] }))],
  ])('never lets %s without a known freshness be repeated, nor claims a cache status', (_case, served) => {
    expect(served.freshUntil).toBe(0);
    expect(served.cache).toBeUndefined();
  });
});
