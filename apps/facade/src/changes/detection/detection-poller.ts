import type { DriftRecord, DriftSink } from '@youmi-facade/domain';
import {
  ANSWER_MAPPERS,
  readsOf,
  RESOURCES,
  type ResourceDefinition,
  type ResourceName,
} from '@youmi-facade/mapping';
import {
  explainVendorFailure,
  type VendorClient,
  type VendorClientOptions,
  type VendorCallEvent,
  type VendorResponse,
} from '@youmi-facade/vendor-client';
import { sameJson } from '../../upstream/same-json';
import { patchOf, type ArrayPatch } from './array-patch';

/** A vendor read of one poll: the same answer as last time, a patch to it, or why it failed. */
export type ReadOutcome =
  | { key: string; status: 'same' }
  | { key: string; status: 'changed'; patch: ArrayPatch<unknown>; drift: [DriftRecord, number][] }
  | { key: string; status: 'failed'; failure: string };

/**
 * A resource of one poll, built from its reads: unchanged, or a patch to the records last built (with
 * the JSON text of each added record for a keyed resource); failed when one of its reads did.
 */
export type ResourceOutcome =
  | { name: ResourceName; status: 'same' }
  | {
      name: ResourceName;
      status: 'changed';
      patch: ArrayPatch<unknown>;
      /** For a keyed resource, each added record's JSON text. */
      addedTexts?: string[];
      /**
       * For a keyed resource built before: the keys gone since. The records that changed or appeared are
       * then exactly the added ones.
       */
      removedKeys?: string[];
    }
  | { name: ResourceName; status: 'failed' };

export interface PollAnswer {
  reads: ReadOutcome[];
  resources: ResourceOutcome[];
  /** The staff members whose own accounts changed, as seen in everyone's assignments. */
  staffCodesChanged: string[];
  /** The vendor calls made (for the metrics of the thread that answers requests). */
  calls: VendorCallEvent[];
}

/** What the detection thread is started with. */
export interface DetectionWorkerData {
  client: VendorClientOptions;
  names: ResourceName[];
}

/** The buffers of an answer that move to the other thread instead of being copied. */
export function transferablesOf(answer: PollAnswer): ArrayBuffer[] {
  return [...answer.reads, ...answer.resources].flatMap((outcome) =>
    'patch' in outcome ? [outcome.patch.refs.buffer as ArrayBuffer] : [],
  );
}

interface Built {
  records: unknown[];
  /** For a keyed resource: each record's JSON text and position by key. */
  texts?: string[];
  byKey?: Map<string, number>;
}

const IGNORE_DRIFT: DriftSink = () => undefined;
const ASSIGNMENTS_KEY = RESOURCES['staff-assignments'].reads[0].key;

/**
 * Reads, maps and compares the vendor's lists for change detection, away from the thread that answers
 * requests: each poll answers what changed since the previous one, against what it answered then.
 */
export class DetectionPoller {
  private readonly answers = new Map<string, VendorResponse<unknown>>();
  private readonly built = new Map<ResourceName, Built>();
  /** Each read's last answer as mapped, once, its drift recorded then: what the resources are built from. */
  private readonly mapped = new Map<string, unknown>();
  private assignedByCode: Map<string, string> | undefined;
  private calls: VendorCallEvent[] = [];

  constructor(
    private readonly client: VendorClient,
    private readonly names: readonly ResourceName[],
  ) {
    client.onCall((event) => this.calls.push(event));
  }

  async poll(): Promise<PollAnswer> {
    const calls = (this.calls = []);
    const reads = readsOf(this.names);
    const settled = await Promise.allSettled(
      reads.map((read) =>
        this.client.call(read.endpoint, {
          query: read.query,
          body: read.body,
          previous: this.answers.get(read.key),
        }),
      ),
    );
    const readOutcomes: ReadOutcome[] = [];
    const changed = new Set<string>();
    const failed = new Set<string>();
    let staffCodesChanged: string[] = [];
    reads.forEach((read, i) => {
      const result = settled[i];
      if (result.status === 'rejected') {
        failed.add(read.key);
        readOutcomes.push({
          key: read.key,
          status: 'failed',
          failure: explainVendorFailure(result.reason).text,
        });
        return;
      }
      const previous = this.answers.get(read.key);
      // The client gives back the previous values when the vendor answered the same.
      if (previous && result.value.values === previous.values) {
        readOutcomes.push({ key: read.key, status: 'same' });
        return;
      }
      this.answers.set(read.key, result.value);
      changed.add(read.key);
      const values = result.value.values;
      const drift = new Map<string, [DriftRecord, number]>();
      const mapped = ANSWER_MAPPERS[read.endpoint](values, (record) => {
        const key = `${record.field}\u0000${record.kind}`;
        const seen = drift.get(key);
        if (seen) seen[1] += 1;
        else drift.set(key, [record, 1]);
      });
      this.mapped.set(read.key, mapped);
      readOutcomes.push({
        key: read.key,
        status: 'changed',
        patch: patchOf(previous?.values, values, sameJson),
        drift: [...drift.values()],
      });
      if (read.key === ASSIGNMENTS_KEY) staffCodesChanged = this.staffCodesChanged(values);
    });
    const resources = this.names.map((name) => this.resource(name, changed, failed));
    return { reads: readOutcomes, resources, staffCodesChanged, calls };
  }

  private resource(name: ResourceName, changed: Set<string>, failed: Set<string>): ResourceOutcome {
    const definition: ResourceDefinition<unknown> = RESOURCES[name];
    if (definition.reads.some((read) => failed.has(read.key))) return { name, status: 'failed' };
    const previous = this.built.get(name);
    if (previous && !definition.reads.some((read) => changed.has(read.key))) return { name, status: 'same' };
    const records = definition.assemble(
      definition.reads.map(
        (read) => this.mapped.get(read.key) ?? ANSWER_MAPPERS[read.endpoint]([], IGNORE_DRIFT),
      ),
    );
    if (!('keyOf' in definition)) {
      this.built.set(name, { records });
      return { name, status: 'changed', patch: patchOf(previous?.records, records, sameJson) };
    }
    const keyOf = definition.keyOf as (record: unknown) => string;
    const byKey = new Map(records.map((record, i) => [keyOf(record), i]));
    // Matched by position first (most records stay where they were), else by key; compared as values,
    // so only the records that changed are written as JSON (the others keep their previous text).
    const texts = new Array<string>(records.length);
    const refs = new Int32Array(records.length);
    const added: unknown[] = [];
    const addedTexts: string[] = [];
    records.forEach((record, i) => {
      const held = previous?.texts;
      let at: number | undefined;
      if (held && i < held.length && sameJson(previous.records[i], record)) at = i;
      else {
        const moved = previous?.byKey?.get(keyOf(record));
        if (held && moved !== undefined && moved !== i && sameJson(previous.records[moved], record))
          at = moved;
      }
      if (at !== undefined && held) {
        refs[i] = at;
        texts[i] = held[at];
      } else {
        texts[i] = JSON.stringify(record);
        refs[i] = -added.push(record);
        addedTexts.push(texts[i]);
      }
    });
    this.built.set(name, { records, texts, byKey });
    const removedKeys = previous?.byKey && [...previous.byKey.keys()].filter((key) => !byKey.has(key));
    return {
      name,
      status: 'changed',
      patch: { refs, added },
      addedTexts,
      ...(removedKeys ? { removedKeys } : {}),
    };
  }

  /** Every staff member's rows compared with the last answer's; none the first time (nothing to compare). */
  private staffCodesChanged(rows: unknown[]): string[] {
    const grouped = new Map<string, unknown[]>();
    for (const row of rows) {
      const code = String((row as { ad_staff_code?: unknown } | null)?.ad_staff_code);
      const held = grouped.get(code);
      if (held) held.push(row);
      else grouped.set(code, [row]);
    }
    const byCode = new Map([...grouped].map(([code, held]) => [code, JSON.stringify(held)]));
    const previous = this.assignedByCode;
    this.assignedByCode = byCode;
    if (!previous) return [];
    return [...new Set([...byCode.keys(), ...previous.keys()])].filter(
      (code) => byCode.get(code) !== previous.get(code),
    );
  }
}
