import { applyPatch, patchOf } from './array-patch';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('patchOf and applyPatch', () => {
  it('reuses the unchanged items and carries only the changed ones', () => {
    const previous = [{ id: 1 }, { id: 2, name: 'a' }, { id: 3 }];
    const current = [{ id: 1 }, { id: 2, name: 'b' }, { id: 3 }];
    const patch = patchOf(previous, current, same);
    expect(patch.added).toEqual([{ id: 2, name: 'b' }]);
    const rebuilt = applyPatch(previous, patch);
    expect(rebuilt).toEqual(current);
    expect(rebuilt).toHaveLength(current.length);
    expect(rebuilt[0]).toBe(previous[0]);
    expect(rebuilt[2]).toBe(previous[2]);
  });

  it('carries every item when nothing is held, and a shorter or longer list', () => {
    expect(applyPatch(undefined, patchOf(undefined, [1, 2], same))).toEqual([1, 2]);
    expect(applyPatch([1, 2, 3], patchOf([1, 2, 3], [1, 2], same))).toEqual([1, 2]);
    const grown = patchOf([1, 2], [1, 2, 3], same);
    expect(grown.added).toEqual([3]);
    expect(applyPatch([1, 2], grown)).toEqual([1, 2, 3]);
  });

  it('rebuilds a list whose items moved, from the positions it is given', () => {
    const patch = { refs: Int32Array.from([2, -1, 0]), added: ['x'] };
    expect(applyPatch(['a', 'b', 'c'], patch)).toEqual(['c', 'x', 'a']);
  });

  it('refuses a patch that refers to items not held', () => {
    const patch = patchOf([1, 2], [1, 2], same);
    expect(() => applyPatch(undefined, patch)).toThrow('patch item 0 refers to item 0');
    expect(() => applyPatch([1], patch)).toThrow('patch item 1 refers to item 1');
  });
});
