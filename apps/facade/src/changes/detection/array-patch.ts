/**
 * A new array told as the items of a previous one it reuses plus the few it adds, so that what crosses
 * from the detection thread is the changed records, not the whole list: item `i` is `previous[refs[i]]`
 * where `refs[i] >= 0`, else `added[-refs[i] - 1]`.
 */
export interface ArrayPatch<T> {
  refs: Int32Array;
  added: T[];
}

/**
 * The patch from `previous` to `current`: an item is reused when `same` says it equals the previous one at
 * its position.
 */
export function patchOf<T>(
  previous: readonly T[] | undefined,
  current: readonly T[],
  same: (before: T, after: T) => boolean,
): ArrayPatch<T> {
  const refs = new Int32Array(current.length);
  const added: T[] = [];
  const held = previous ?? [];
  for (let i = 0; i < current.length; i += 1) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end held[i] is undefined,
    // which `same` never finds equal to a record (a JSON value); the check says so for the reader.
    if (i < held.length && same(held[i], current[i])) refs[i] = i;
    else refs[i] = -added.push(current[i]);
  }
  return { refs, added };
}

/** `current` again from `previous` and the patch made against it. */
export function applyPatch<T>(previous: readonly T[] | undefined, patch: ArrayPatch<T>): T[] {
  const { refs, added } = patch;
  const items = new Array<T>(refs.length);
  for (let i = 0; i < refs.length; i += 1) {
    const ref = refs[i];
    if (ref >= 0) {
      if (previous === undefined || ref >= previous.length)
        throw new Error(`patch item ${i} refers to item ${ref} of a previous list that is not held`);
      items[i] = previous[ref];
    } else items[i] = added[-ref - 1];
  }
  return items;
}
