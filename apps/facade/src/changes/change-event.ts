import { KEYED_RESOURCES, type KeyedResourceName } from '@youmi-facade/mapping';

export const CHANGE_RESOURCES = KEYED_RESOURCES;
export type ChangeResource = KeyedResourceName;
export const CHANGE_KINDS = ['created', 'updated', 'deleted'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeType = `${ChangeResource}.${ChangeKind}`;

/** Every event type, in the order the API documents them. */
export const CHANGE_TYPES: readonly ChangeType[] = CHANGE_RESOURCES.flatMap((resource) =>
  CHANGE_KINDS.map((kind): ChangeType => `${resource}.${kind}`),
);

export interface FieldChange {
  /** Dotted for nested fields (`authorizations.push`). */
  field: string;
  before: unknown;
  after: unknown;
}

/** One record created, updated or deleted at the vendor, as the feed, the stream and webhooks carry it. */
export interface ChangeEvent {
  /** Opaque and increasing in feed order: the cursor. */
  id: string;
  type: ChangeType;
  resource: ChangeResource;
  key: string;
  occurredAt: string;
  /** For `updated` only. */
  changes?: FieldChange[];
  /** The record as its resource endpoint answers it now; null once deleted. */
  data: unknown;
}

/** An event before the feed has given it its id. */
export type NewChangeEvent = Omit<ChangeEvent, 'id'>;

/** Event ids are `<milliseconds>-<sequence>`, as Redis Streams number their entries. */
export const EVENT_ID = /^(\d{1,16})-(\d{1,16})$/;

/** Orders two well-formed event ids. */
export function compareEventIds(a: string, b: string): number {
  const [, aMs, aSeq] = EVENT_ID.exec(a) as RegExpExecArray;
  const [, bMs, bSeq] = EVENT_ID.exec(b) as RegExpExecArray;
  return compareDigits(aMs, bMs) || compareDigits(aSeq, bSeq);
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}
