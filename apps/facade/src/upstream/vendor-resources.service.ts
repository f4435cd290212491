import { Injectable } from '@nestjs/common';
import type { DriftSink, StaffOperatorAccount } from '@youmi-facade/domain';
import {
  ANSWER_MAPPERS,
  mapStaffOperatorAccounts,
  readsOf,
  RESOURCES,
  type ResourceName,
  type ResourceRecord,
  type VendorRead,
} from '@youmi-facade/mapping';
import { VendorClient, VendorEnvelopeError, type VendorResponse } from '@youmi-facade/vendor-client';
import { combineFetched, type Fetched } from './cache-status';
import { DriftRegistry } from './drift-registry';
import { VendorCache } from './vendor-cache';

/** Raised when the vendor says a staff code does not exist (200010). */
export class UnknownStaffCodeError extends Error {}

const NO_SUCH_STAFF_CODE = 200010;
const EVERY_RESOURCE = Object.keys(RESOURCES) as ResourceName[];
/** The resources whose records a staff member's own accounts repeat (its code, each account's fields). */
const SHOWN_IN_STAFF_ACCOUNTS: readonly ResourceName[] = ['operator-accounts', 'staff', 'staff-assignments'];

function staffAccountsRead(code: string): VendorRead {
  return { key: `staff/GetStaffWechat:${code}`, endpoint: 'staffWechat', body: { ad_staff_code: code } };
}

type AnswerMapper = (values: unknown[], sink: DriftSink) => unknown;
type Assemble<T> = (answers: readonly unknown[]) => T;

/**
 * The vendor's data as domain models. Each new vendor answer is mapped once, its drift recorded in that
 * pass, however many resources are assembled from it; each resource is assembled once per new set of
 * answers (both memoised on the answers' versions).
 */
@Injectable()
export class VendorResourcesService {
  private readonly derived = new Map<string, { version: string; value: unknown }>();
  /** Each read's answer as mapped, with the version of the vendor answer it was mapped from. */
  private readonly mapped = new Map<string, { version: string; answer: unknown }>();
  /**
   * The last answer of each read reloaded fresh: an answer the same again is not parsed again (the change
   * feed's every poll).
   */
  private readonly lastFresh = new Map<string, VendorResponse<unknown>>();
  /** Every staff member's accounts as of the last fresh read of them, each code's as JSON: whose changed. */
  private assignedByCode: { version: string; byCode: Map<string, string> } | undefined;
  /** The staff codes whose own accounts this instance answered. */
  private readonly staffCodesRead = new Set<string>();

  constructor(
    private readonly client: VendorClient,
    private readonly cache: VendorCache,
    private readonly drift: DriftRegistry,
  ) {}

  resource<N extends ResourceName>(name: N): Promise<Fetched<ResourceRecord<N>[]>> {
    const definition = RESOURCES[name];
    return this.derive(
      name,
      definition.reads,
      (answers) => definition.assemble(answers) as ResourceRecord<N>[],
    );
  }

  /** A staff member's accounts; UnknownStaffCodeError when the vendor does not know the code. */
  async staffOperatorAccounts(code: string): Promise<Fetched<StaffOperatorAccount[]>> {
    const accounts = await this.derive(
      `staff-operator-accounts:${code}`,
      [staffAccountsRead(code)],
      ([answer]) => answer as StaffOperatorAccount[],
      mapStaffOperatorAccounts,
    );
    this.staffCodesRead.add(code);
    return accounts;
  }

  /**
   * The given resources read fresh from the vendor, each vendor call once, the cache refreshed with
   * the answers; a failed call fails only the resources built from it. The version of a resource whose
   * vendor answers did not change stays the same. With `staff-assignments`, the cached copies of each
   * staff member whose accounts changed are reloaded too, before this resolves.
   */
  async freshResources<N extends ResourceName>(
    names: readonly N[],
  ): Promise<Map<N, Fetched<ResourceRecord<N>[]> | Error>> {
    const reads = readsOf(names);
    const settled = await Promise.allSettled(
      reads.map((read) => this.cache.reload(read.key, this.load(read, this.lastFresh))),
    );
    const byKey = new Map(reads.map((read, i) => [read.key, settled[i]]));
    const assignments = byKey.get(RESOURCES['staff-assignments'].reads[0].key);
    if (assignments?.status === 'fulfilled') await this.reloadChangedStaffAccounts(assignments.value);
    const built = new Map<N, Fetched<ResourceRecord<N>[]> | Error>();
    for (const name of names) {
      const definition = RESOURCES[name];
      const results = definition.reads.map(
        (read) => byKey.get(read.key) as PromiseSettledResult<Fetched<unknown[]>>,
      );
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) {
        built.set(name, failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason)));
        continue;
      }
      const fetched = results.map((result) => (result as PromiseFulfilledResult<Fetched<unknown[]>>).value);
      built.set(
        name,
        this.assemble(
          name,
          definition.reads,
          fetched,
          (answers) => definition.assemble(answers) as ResourceRecord<N>[],
        ),
      );
    }
    return built;
  }

  /** Forgets this instance's own copies of what `names` are built from: another instance reloaded them. */
  forgetLocalCopies(names: readonly ResourceName[]): void {
    for (const read of readsOf(names)) this.cache.forgetLocal(read.key);
    if (!names.some((name) => SHOWN_IN_STAFF_ACCOUNTS.includes(name))) return;
    for (const code of this.staffCodesRead) this.cache.forgetLocal(staffAccountsRead(code).key);
  }

  /**
   * Drops what this instance kept of the vendor answers to compare the next detection poll with (the
   * lists' answers, whole): another instance detects now, and they would only hold memory.
   */
  forgetDetectionAnswers(): void {
    this.lastFresh.clear();
    this.assignedByCode = undefined;
  }

  /** Every resource once, e.g. to warm the cache at start. */
  async warmUp(): Promise<void> {
    await Promise.all(EVERY_RESOURCE.map((name) => this.resource(name)));
  }

  /** Whether every resource could be answered from the cache alone. */
  async everyResourceCached(): Promise<boolean> {
    const held = await Promise.all(readsOf(EVERY_RESOURCE).map((read) => this.cache.hasCopy(read.key)));
    return held.every(Boolean);
  }

  /** Whether the vendor looks reachable: no open circuit and the last call did not fail on the wire. */
  vendorReachability() {
    return this.client.reachability();
  }

  /** Our clock minus the vendor's, from its latest answer. */
  vendorClock() {
    return this.client.clock();
  }

  /**
   * The vendor call of `read`; with `answers`, the last of them brings back its values when the vendor
   * answers the same.
   */
  private load(read: VendorRead, answers?: Map<string, VendorResponse<unknown>>): () => Promise<unknown[]> {
    return async () => {
      try {
        const answer = await this.client.call(read.endpoint, {
          query: read.query,
          body: read.body,
          previous: answers?.get(read.key),
        });
        answers?.set(read.key, answer);
        return answer.values;
      } catch (error) {
        if (
          read.endpoint === 'staffWechat' &&
          error instanceof VendorEnvelopeError &&
          error.upstream?.code === NO_SUCH_STAFF_CODE
        ) {
          throw new UnknownStaffCodeError(String(read.body?.['ad_staff_code']));
        }
        throw error;
      }
    };
  }

  /**
   * The accounts of the staff members whose rows in every staff member's accounts changed, reloaded
   * where a copy is held (by any instance), so that they change with the lists. The first fresh read
   * has nothing to compare with: copies are then left to their expiry.
   */
  private async reloadChangedStaffAccounts(every: Fetched<unknown[]>): Promise<void> {
    const previous = this.assignedByCode;
    if (previous?.version === every.version) return;
    const rows = new Map<string, unknown[]>();
    for (const row of every.value) {
      const code = String((row as { ad_staff_code?: unknown } | null)?.ad_staff_code);
      const held = rows.get(code);
      if (held) held.push(row);
      else rows.set(code, [row]);
    }
    const byCode = new Map([...rows].map(([code, held]) => [code, JSON.stringify(held)]));
    this.assignedByCode = { version: every.version, byCode };
    if (!previous) return;
    const changed = [...new Set([...byCode.keys(), ...previous.byCode.keys()])].filter(
      (code) => byCode.get(code) !== previous.byCode.get(code),
    );
    await Promise.allSettled(
      changed.map(async (code) => {
        const read = staffAccountsRead(code);
        if (await this.cache.hasCopy(read.key)) await this.cache.reload(read.key, this.load(read));
      }),
    );
  }

  private async derive<T>(
    name: string,
    reads: readonly VendorRead[],
    assemble: Assemble<T>,
    map?: AnswerMapper,
  ): Promise<Fetched<T>> {
    const fetched = await Promise.all(reads.map((read) => this.cache.fetch(read.key, this.load(read))));
    return this.assemble(name, reads, fetched, assemble, map);
  }

  private assemble<T>(
    name: string,
    reads: readonly VendorRead[],
    fetched: Fetched<unknown[]>[],
    assemble: Assemble<T>,
    map?: AnswerMapper,
  ): Fetched<T> {
    const basis = combineFetched(fetched);
    const memo = this.derived.get(name);
    if (memo && memo.version === basis.version) return { ...basis, value: memo.value as T };
    const value = assemble(reads.map((read, i) => this.mapOnce(read, fetched[i], map)));
    this.derived.set(name, { version: basis.version, value });
    return { ...basis, value };
  }

  private mapOnce(read: VendorRead, fetched: Fetched<unknown[]>, map?: AnswerMapper): unknown {
    const held = this.mapped.get(read.key);
    if (held?.version === fetched.version) return held.answer;
    const answer = (map ?? ANSWER_MAPPERS[read.endpoint])(fetched.value, this.drift.sink);
    this.mapped.set(read.key, { version: fetched.version, answer });
    return answer;
  }
}
