export { mapOperatorAccount, mapOperatorAccounts } from './lib/operator-account.mapper';
export { mapStaff, mapStaffList } from './lib/staff.mapper';
export {
  mapStaffAssignment,
  mapStaffAssignments,
  mapStaffOperatorAccount,
  mapStaffOperatorAccounts,
} from './lib/staff-assignment.mapper';
export {
  buildLabelCategories,
  buildLabelTree,
  mapLabel,
  mapLabelAnswer,
  mapLabelCategories,
  mapLabelCategory,
  mapLabels,
  type LabelAnswer,
} from './lib/label.mapper';
export { mapAdGroup, mapAdGroups } from './lib/ad-group.mapper';
export {
  compareCustomAttributes,
  mapCustomAttribute,
  mapCustomAttributes,
} from './lib/custom-attribute.mapper';
export { parseVendorTime } from './lib/time.parser';
export {
  ANSWER_MAPPERS,
  KEYED_RESOURCES,
  RESOURCES,
  VENDOR_READS,
  buildResource,
  readsOf,
  type KeyedResourceDefinition,
  type KeyedResourceName,
  type MappedAnswers,
  type ResourceDefinition,
  type ResourceName,
  type ResourceRecord,
  type VendorRead,
} from './lib/resources';
