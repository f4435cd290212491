import { Injectable } from '@nestjs/common';
import type { DriftRecord, DriftSink, StaffOperatorAccount } from '@youmi-facade/domain';
import {
  ANSWER_MAPPERS,
  mapStaffOperatorAccounts,
  readsOf,
  RESOURCES,
  type ResourceName,
  type ResourceRecord,
  type VendorRead,
} from '@youmi-facade/mapping';
import { VendorClient, VendorEnvelopeError } from '@youmi-facade/vendor-client';
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

const IGNORE_DRIFT: DriftSink = () => undefined;

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
  /** The version of each read's answer whose drift is recorded (here, or by the change feed's detection). */
  private readonly driftChecked = new Map<string, string>();
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
   * Vendor answers read fresh by the change feed's detection, kept as any refresh would (so that the
   * next request does not read them again), with the resources built from them: each resource's
   * version, or the failure of one of its reads. The cached copies of each staff member in
   * `staffCodesChanged` are reloaded too, before this resolves.
   */
  async adoptFresh<N extends ResourceName>(
    reads: ReadonlyMap<string, { values: unknown[]; drift?: readonly [DriftRecord, number][] } | Error>,
    built: ReadonlyMap<N, { records: unknown[] } | Error>,
    staffCodesChanged: readonly string[],
  ): Promise<Map<N, Fetched<ResourceRecord<N>[]> | Error>> {
    const fetched = new Map<string, Fetched<unknown[]> | Error>();
    await Promise.all(
      [...reads].map(async ([key, read]) => {
        if (read instanceof Error) return fetched.set(key, read);
        try {
          const answer = await this.cache.reload(key, async () => read.values);
          fetched.set(key, answer);
          if (read.drift && this.driftChecked.get(key) !== answer.version) {
            this.driftChecked.set(key, answer.version);
            for (const [record, count] of read.drift)
              for (let i = 0; i < count; i += 1) this.drift.sink(record);
          }
        } catch (error) {
          fetched.set(key, error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    await this.reloadStaffAccounts(staffCodesChanged);
    const resources = new Map<N, Fetched<ResourceRecord<N>[]> | Error>();
    for (const [name, records] of built) {
      const parts = RESOURCES[name].reads.map((read) => fetched.get(read.key));
      const failed =
        records instanceof Error ? records : parts.find((part) => !part || part instanceof Error);
      if (failed !== undefined) {
        resources.set(name, failed instanceof Error ? failed : new Error(`${name} was not read`));
        continue;
      }
      const basis = combineFetched(parts as Fetched<unknown[]>[]);
      const value = (records as { records: unknown[] }).records as ResourceRecord<N>[];
      this.derived.set(name, { version: basis.version, value });
      resources.set(name, { ...basis, value });
    }
    return resources;
  }

  /** Forgets this instance's own copies of what `names` are built from: another instance reloaded them. */
  forgetLocalCopies(names: readonly ResourceName[]): void {
    for (const read of readsOf(names)) this.cache.forgetLocal(read.key);
    if (!names.some((name) => SHOWN_IN_STAFF_ACCOUNTS.includes(name))) return;
    for (const code of this.staffCodesRead) this.cache.forgetLocal(staffAccountsRead(code).key);
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

  /** The vendor call of `read`. */
  private load(read: VendorRead): () => Promise<unknown[]> {
    return async () => {
      try {
        const answer = await this.client.call(read.endpoint, { query: read.query, body: read.body });
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

  /** The accounts of `codes` reloaded where a copy is held (by any instance), to change with the lists. */
  private async reloadStaffAccounts(codes: readonly string[]): Promise<void> {
    await Promise.allSettled(
      codes.map(async (code) => {
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
    const recorded = this.driftChecked.get(read.key) === fetched.version;
    const answer = (map ?? ANSWER_MAPPERS[read.endpoint])(
      fetched.value,
      recorded ? IGNORE_DRIFT : this.drift.sink,
    );
    this.driftChecked.set(read.key, fetched.version);
    this.mapped.set(read.key, { version: fetched.version, answer });
    return answer;
  }
}
