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
} from '@youmi-facade/domain';
import type { VendorEndpointName } from '@youmi-facade/vendor-client/wire';
import { mapAdGroups } from './ad-group.mapper';
import { compareCustomAttributes, mapCustomAttributes } from './custom-attribute.mapper';
import {
  assembleLabelCategories,
  assembleLabelTree,
  mapLabelAnswer,
  mapLabelCategories,
  type LabelAnswer,
} from './label.mapper';
import { mapOperatorAccounts } from './operator-account.mapper';
import { mapStaffAssignments } from './staff-assignment.mapper';
import { mapStaffList } from './staff.mapper';

/** One vendor call a resource is read from: the endpoint with its wire parameters, and a stable key. */
export interface VendorRead {
  /** Names the call and its parameters (`WeCaht:0`), e.g. as a cache key. */
  key: string;
  endpoint: VendorEndpointName;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
}

/** What each vendor endpoint's answer maps to, once, with its drift recorded in that pass. */
export interface MappedAnswers {
  operatorAccounts: OperatorAccount[];
  staff: Staff[];
  staffWechat: StaffAssignment[];
  labelCategories: LabelCategory[];
  labels: LabelAnswer;
  adGroups: AdGroup[];
  customAttributes: CustomAttribute[];
}

/** The mapper of each vendor endpoint's answer: what resources are assembled from. */
export const ANSWER_MAPPERS: {
  readonly [E in VendorEndpointName]: (values: unknown, sink: DriftSink) => MappedAnswers[E];
} = {
  operatorAccounts: mapOperatorAccounts,
  staff: mapStaffList,
  staffWechat: mapStaffAssignments,
  labelCategories: mapLabelCategories,
  labels: mapLabelAnswer,
  adGroups: mapAdGroups,
  customAttributes: mapCustomAttributes,
};

/** A resource of the REST API: which vendor calls it is read from, and how its full list is assembled. */
export interface ResourceDefinition<T> {
  reads: readonly VendorRead[];
  /**
   * The cleaned records in the API's order, from each read's answer as `ANSWER_MAPPERS` maps it (in
   * `reads` order). The mapped answers are shared between resources: they are never changed.
   */
  assemble(answers: readonly unknown[]): T[];
}

/** A resource whose records have a key (as in their URL): the ones a change feed can follow. */
export interface KeyedResourceDefinition<T> extends ResourceDefinition<T> {
  keyOf(record: T): string;
}

type VendorReadName =
  | 'wechatAccounts'
  | 'wecomAccounts'
  | 'staff'
  | 'staffAssignments'
  | 'labelCategories'
  | 'labels'
  | 'adGroups'
  | 'customAttributes';

/** Every vendor call the basic-data resources are read from. */
export const VENDOR_READS: Readonly<Record<VendorReadName, VendorRead>> = {
  wechatAccounts: { key: 'WeCaht:0', endpoint: 'operatorAccounts', query: { ad_wechat_lei: 0 } },
  wecomAccounts: { key: 'WeCaht:3', endpoint: 'operatorAccounts', query: { ad_wechat_lei: 3 } },
  staff: { key: 'staff', endpoint: 'staff' },
  staffAssignments: { key: 'staff/GetStaffWechat:*', endpoint: 'staffWechat', body: {} },
  labelCategories: { key: 'Label', endpoint: 'labelCategories' },
  labels: { key: 'wecahtlabel:-1', endpoint: 'labels' },
  adGroups: { key: 'AdManage', endpoint: 'adGroups' },
  customAttributes: { key: 'friend/GetCustomAttributeList', endpoint: 'customAttributes' },
};

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T>(records: readonly T[], order: (a: T, b: T) => number) => [...records].sort(order);

/** Both kinds of operator account as one list by id (an id on both lists is kept once). */
function mergeAccounts(
  wechat: readonly OperatorAccount[],
  wecom: readonly OperatorAccount[],
): OperatorAccount[] {
  const merged = new Map<number, OperatorAccount>();
  for (const account of [...wechat, ...wecom]) if (!merged.has(account.id)) merged.set(account.id, account);
  return [...merged.values()].sort(byId);
}

/**
 * Every basic-data resource the API serves whole: its vendor calls and its build. The facade's upstream,
 * the CLI and the change feed all read them from here.
 */
export const RESOURCES = {
  'operator-accounts': {
    reads: [VENDOR_READS.wechatAccounts, VENDOR_READS.wecomAccounts],
    assemble: ([wechat, wecom]) => mergeAccounts(wechat as OperatorAccount[], wecom as OperatorAccount[]),
    keyOf: (account) => String(account.id),
  } satisfies KeyedResourceDefinition<OperatorAccount>,
  'operator-accounts:wechat': {
    reads: [VENDOR_READS.wechatAccounts],
    assemble: ([accounts]) => sorted(accounts as OperatorAccount[], byId),
  } satisfies ResourceDefinition<OperatorAccount>,
  'operator-accounts:wecom': {
    reads: [VENDOR_READS.wecomAccounts],
    assemble: ([accounts]) => sorted(accounts as OperatorAccount[], byId),
  } satisfies ResourceDefinition<OperatorAccount>,
  staff: {
    reads: [VENDOR_READS.staff],
    assemble: ([staff]) => sorted(staff as Staff[], (a, b) => byText(a.code, b.code)),
    keyOf: (member) => member.code,
  } satisfies KeyedResourceDefinition<Staff>,
  'staff-assignments': {
    reads: [VENDOR_READS.staffAssignments],
    assemble: ([assignments]) =>
      sorted(
        assignments as StaffAssignment[],
        (a, b) => byText(a.staffCode, b.staffCode) || a.account.id - b.account.id,
      ),
  } satisfies ResourceDefinition<StaffAssignment>,
  'label-categories': {
    reads: [VENDOR_READS.labelCategories, VENDOR_READS.labels],
    assemble: ([categories, labels]) =>
      assembleLabelCategories(categories as LabelCategory[], labels as LabelAnswer),
    keyOf: (category) => String(category.id),
  } satisfies KeyedResourceDefinition<LabelCategory>,
  labels: {
    reads: [VENDOR_READS.labels],
    assemble: ([labels]) => sorted((labels as LabelAnswer).labels, byId),
    keyOf: (label) => String(label.id),
  } satisfies KeyedResourceDefinition<Label>,
  'label-tree': {
    reads: [VENDOR_READS.labelCategories, VENDOR_READS.labels],
    assemble: ([categories, labels]) =>
      assembleLabelTree(categories as LabelCategory[], labels as LabelAnswer),
  } satisfies ResourceDefinition<LabelTreeNode>,
  'ad-groups': {
    reads: [VENDOR_READS.adGroups],
    assemble: ([groups]) => sorted(groups as AdGroup[], byId),
    keyOf: (group) => String(group.id),
  } satisfies KeyedResourceDefinition<AdGroup>,
  'custom-attributes': {
    reads: [VENDOR_READS.customAttributes],
    assemble: ([attributes]) => sorted(attributes as CustomAttribute[], compareCustomAttributes),
    keyOf: (attribute) => String(attribute.id),
  } satisfies KeyedResourceDefinition<CustomAttribute>,
};

export type ResourceName = keyof typeof RESOURCES;
export type ResourceRecord<N extends ResourceName> =
  (typeof RESOURCES)[N] extends ResourceDefinition<infer T> ? T : never;

/** The resources whose records have keys, in the order the API documents them. */
export const KEYED_RESOURCES = [
  'operator-accounts',
  'staff',
  'label-categories',
  'labels',
  'ad-groups',
  'custom-attributes',
] as const;
export type KeyedResourceName = (typeof KEYED_RESOURCES)[number];

/** The vendor reads of the given resources, each once. */
export function readsOf(names: readonly ResourceName[]): VendorRead[] {
  const reads = new Map<string, VendorRead>();
  for (const name of names) for (const read of RESOURCES[name].reads) reads.set(read.key, read);
  return [...reads.values()];
}

/** A resource's records from the vendor values of each of its reads (in `reads` order), drift to `sink`. */
export function buildResource<N extends ResourceName>(
  name: N,
  values: readonly unknown[],
  sink: DriftSink,
): ResourceRecord<N>[] {
  const definition: ResourceDefinition<unknown> = RESOURCES[name];
  const answers = definition.reads.map((read, i) => ANSWER_MAPPERS[read.endpoint](values[i], sink));
  return definition.assemble(answers) as ResourceRecord<N>[];
}
