import type { ChangeResource, NewChangeEvent } from '../change-event';
import type { DetectedResource } from '../detection/detection-thread';
import { diffSnapshots, type Candidates } from '../record-diff';
import type { CommitRequest } from '../store/change-ports';

/**
 * What this instance last committed of a resource: the records, which commit wrote them, and from which
 * vendor answers.
 */
export interface Held {
  records: Map<string, string>;
  commit: string;
  version?: string;
}

/**
 * The records read now, by key. When the snapshot held is the one the previous poll read, the records
 * the detection thread found changed are all that differ from it: the rest are not looked at.
 */
export function currentOf(
  held: Held | undefined,
  built: DetectedResource,
  previous: string | undefined,
): { current: Map<string, string>; candidates?: Candidates } {
  if (held && built.changes && previous !== undefined && held.version === previous) {
    const current = new Map(held.records);
    for (const [key, text] of built.changes.upserts) current.set(key, text);
    for (const key of built.changes.removed) current.delete(key);
    const changed = built.changes.upserts.map(([key]) => key);
    return { current, candidates: { changed, removed: built.changes.removed } };
  }
  const { keys = [], texts = [] } = built;
  return { current: new Map(keys.map((key, i) => [key, texts[i]])) };
}

export function baselineOf(resource: ChangeResource, current: Map<string, string>): CommitRequest {
  return { resource, basedOn: undefined, events: [], upserts: [...current], deletes: [] };
}

export function changesOf(
  resource: ChangeResource,
  base: Held,
  current: Map<string, string>,
  occurredAt: string,
  candidates: Candidates | undefined,
): CommitRequest {
  const events: NewChangeEvent[] = [];
  const upserts: [string, string][] = [];
  const deletes: string[] = [];
  for (const change of diffSnapshots(base.records, current, candidates)) {
    events.push({
      type: `${resource}.${change.kind}`,
      resource,
      key: change.key,
      occurredAt,
      ...(change.changes ? { changes: change.changes } : {}),
      data: change.after === undefined ? null : JSON.parse(change.after),
    });
    if (change.after === undefined) deletes.push(change.key);
    else upserts.push([change.key, change.after]);
  }
  return { resource, basedOn: base.commit, events, upserts, deletes };
}
