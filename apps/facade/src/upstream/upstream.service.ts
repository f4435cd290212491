import { Injectable } from '@nestjs/common';
import type {
  AdGroup,
  CustomAttribute,
  DriftSink,
  Label,
  LabelCategory,
  LabelTreeNode,
  OperatorAccount,
  Staff,
  StaffAssignment,
  StaffOperatorAccount,
} from '@youmi-facade/domain';
import {
  buildLabelCategories,
  buildLabelTree,
  mapAdGroups,
  mapCustomAttributes,
  mapLabels,
  mapOperatorAccounts,
  mapStaffAssignments,
  mapStaffList,
  mapStaffOperatorAccounts,
} from '@youmi-facade/mapping';
import { VendorClient, VendorEnvelopeError } from '@youmi-facade/vendor-client';
import { worstCacheStatus, type Fetched } from './cache-status';
import { DriftRegistry } from './drift-registry';
import { VendorCache } from './vendor-cache';

export type OperatorAccountVendorKind = 'wechat' | 'wecom';

/** Raised when the vendor says a staff code does not exist (200010). */
export class UnknownStaffCodeError extends Error {}

interface VendorCall {
  key: string;
  load: () => Promise<unknown[]>;
}

const NO_SUCH_STAFF_CODE = 200010;

/**
 * The vendor's data as domain models: each resource is built from one or more cached vendor calls,
 * and mapped once per new vendor answer (memoised on the answers' versions).
 */
@Injectable()
export class UpstreamService {
  private readonly derived = new Map<string, { versions: string; value: unknown }>();

  constructor(
    private readonly client: VendorClient,
    private readonly cache: VendorCache,
    private readonly drift: DriftRegistry,
  ) {}

  operatorAccounts(kind: OperatorAccountVendorKind): Promise<Fetched<OperatorAccount[]>> {
    const lei = kind === 'wecom' ? 3 : 0;
    return this.resource(`operator-accounts:${kind}`, [this.operatorAccountsCall(lei)], ([values], sink) =>
      mapOperatorAccounts(values, sink),
    );
  }

  staff(): Promise<Fetched<Staff[]>> {
    return this.resource('staff', [{ key: 'staff', load: async () => (await this.client.getStaff()).values }], ([values], sink) =>
      mapStaffList(values, sink),
    );
  }

  async staffOperatorAccounts(code: string): Promise<Fetched<StaffOperatorAccount[]>> {
    const call: VendorCall = {
      key: `staff/GetStaffWechat:${code}`,
      load: async () => {
        try {
          return (await this.client.getStaffOperatorAccounts(code)).values;
        } catch (error) {
          if (error instanceof VendorEnvelopeError && error.upstream?.code === NO_SUCH_STAFF_CODE) throw new UnknownStaffCodeError(code);
          throw error;
        }
      },
    };
    return this.resource(`staff-operator-accounts:${code}`, [call], ([values], sink) => mapStaffOperatorAccounts(values, sink));
  }

  staffAssignments(): Promise<Fetched<StaffAssignment[]>> {
    const call: VendorCall = { key: 'staff/GetStaffWechat:*', load: async () => (await this.client.getStaffOperatorAccounts()).values };
    return this.resource('staff-assignments', [call], ([values], sink) => mapStaffAssignments(values, sink));
  }

  labelCategories(): Promise<Fetched<LabelCategory[]>> {
    return this.resource('label-categories', [this.labelCategoriesCall(), this.labelsCall()], ([categories, labels], sink) =>
      buildLabelCategories(categories, labels, sink),
    );
  }

  labels(): Promise<Fetched<Label[]>> {
    return this.resource('labels', [this.labelsCall()], ([values], sink) => mapLabels(values, sink));
  }

  labelTree(): Promise<Fetched<LabelTreeNode[]>> {
    return this.resource('label-tree', [this.labelCategoriesCall(), this.labelsCall()], ([categories, labels], sink) =>
      buildLabelTree(categories, labels, sink),
    );
  }

  adGroups(): Promise<Fetched<AdGroup[]>> {
    const call: VendorCall = { key: 'AdManage', load: async () => (await this.client.getAdGroups()).values };
    return this.resource('ad-groups', [call], ([values], sink) => mapAdGroups(values, sink));
  }

  customAttributes(): Promise<Fetched<CustomAttribute[]>> {
    const call: VendorCall = { key: 'friend/GetCustomAttributeList', load: async () => (await this.client.getCustomAttributes()).values };
    return this.resource('custom-attributes', [call], ([values], sink) => mapCustomAttributes(values, sink));
  }

  /** Every cacheable resource once, e.g. to warm the cache at start. */
  async warmUp(): Promise<void> {
    await Promise.all([
      this.operatorAccounts('wechat'),
      this.operatorAccounts('wecom'),
      this.staff(),
      this.staffAssignments(),
      this.labelCategories(),
      this.labels(),
      this.adGroups(),
      this.customAttributes(),
    ]);
  }

  /** Whether every resource could be answered from the cache alone. */
  async everyResourceCached(): Promise<boolean> {
    const keys = ['WeCaht:0', 'WeCaht:3', 'staff', 'staff/GetStaffWechat:*', 'Label', 'wecahtlabel:-1', 'AdManage', 'friend/GetCustomAttributeList'];
    const held = await Promise.all(keys.map((key) => this.cache.hasCopy(key)));
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

  private operatorAccountsCall(lei: 0 | 3): VendorCall {
    return { key: `WeCaht:${lei}`, load: async () => (await this.client.getOperatorAccounts({ ad_wechat_lei: lei })).values };
  }

  private labelCategoriesCall(): VendorCall {
    return { key: 'Label', load: async () => (await this.client.getLabelCategories()).values };
  }

  private labelsCall(): VendorCall {
    return { key: 'wecahtlabel:-1', load: async () => (await this.client.getLabels()).values };
  }

  private async resource<T>(name: string, calls: VendorCall[], build: (values: unknown[][], sink: DriftSink) => T): Promise<Fetched<T>> {
    const fetched = await Promise.all(calls.map((call) => this.cache.fetch(call.key, call.load)));
    const versions = fetched.map((f) => f.version).join('+');
    const cache = worstCacheStatus(fetched.map((f) => f.cache));
    const freshUntil = Math.min(...fetched.map((f) => f.freshUntil));
    const memo = this.derived.get(name);
    if (memo && memo.versions === versions) return { value: memo.value as T, cache, version: versions, freshUntil };
    const value = build(
      fetched.map((f) => f.value),
      this.drift.sink,
    );
    this.derived.set(name, { versions, value });
    return { value, cache, version: versions, freshUntil };
  }
}
