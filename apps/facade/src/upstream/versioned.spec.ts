import { Versioned } from './versioned';

describe('Versioned', () => {
  it('carries the basis of its value and builds the value only when asked', () => {
    const build = jest.fn(() => ({ code: 'b01' }));
    const value = Versioned.of({ cache: 'HIT', version: 'v7', freshUntil: 1_234 }, build);
    expect(value.basis).toEqual({ cache: 'HIT', version: 'v7', freshUntil: 1_234 });
    expect(build).not.toHaveBeenCalled();
    expect(value.build()).toEqual({ code: 'b01' });
    expect(build).toHaveBeenCalledTimes(1);
  });
});
