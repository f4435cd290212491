import type { PollAnswer } from './detection-poller';

/**
 * A slice of the records (or texts) one outcome of a poll adds, sent apart from the rest of the answer.
 * `outcome` counts the reads, then the resources.
 */
export interface AnswerPart {
  outcome: number;
  field: 'added' | 'addedTexts';
  items: unknown[];
}

/**
 * Items per part: a baseline poll adds every record, and the thread that answers requests decodes each
 * message whole, so a part is kept to what it decodes between two requests.
 */
export const ITEMS_PER_PART = 500;

/**
 * The answer as parts of at most `size` items each, then what is left of it (every list cut out of it
 * emptied). Sent one at a time, each when the other side asks, so that its event loop runs in between.
 */
export function partsOf(
  answer: PollAnswer,
  size = ITEMS_PER_PART,
): { parts: AnswerPart[]; rest: PollAnswer } {
  const parts: AnswerPart[] = [];
  const cut = <T extends object>(outcome: T, at: number): T => {
    let rest = outcome;
    for (const field of ['added', 'addedTexts'] as const) {
      const items = listOf(rest, field);
      if (!items || items.length <= size) continue;
      for (let from = 0; from < items.length; from += size)
        parts.push({ outcome: at, field, items: items.slice(from, from + size) });
      rest = withList(rest, field, []);
    }
    return rest;
  };
  const reads = answer.reads.map((read, i) => cut(read, i));
  const resources = answer.resources.map((resource, i) => cut(resource, answer.reads.length + i));
  return { parts, rest: { ...answer, reads, resources } };
}

/** The answer `partsOf` cut, whole again. */
export function joinParts(rest: PollAnswer, parts: readonly AnswerPart[]): PollAnswer {
  const outcomes: object[] = [...rest.reads, ...rest.resources];
  for (const part of parts) {
    const items = listOf(outcomes[part.outcome], part.field);
    if (!items) throw new Error(`part for outcome ${part.outcome} has no ${part.field} to fill`);
    for (const item of part.items) items.push(item);
  }
  return rest;
}

function listOf(outcome: object | undefined, field: AnswerPart['field']): unknown[] | undefined {
  if (!outcome) return undefined;
  if (field === 'added')
    return 'patch' in outcome ? (outcome.patch as { added: unknown[] }).added : undefined;
  return 'addedTexts' in outcome ? (outcome.addedTexts as unknown[] | undefined) : undefined;
}

function withList<T extends object>(outcome: T, field: AnswerPart['field'], items: unknown[]): T {
  if (field === 'addedTexts') return { ...outcome, addedTexts: items };
  const { patch } = outcome as T & { patch: object };
  return { ...outcome, patch: { ...patch, added: items } };
}
