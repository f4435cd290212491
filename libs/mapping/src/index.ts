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
  mapLabelCategories,
  mapLabelCategory,
  mapLabels,
} from './lib/label.mapper';
export { mapAdGroup, mapAdGroups } from './lib/ad-group.mapper';
export {
  compareCustomAttributes,
  mapCustomAttribute,
  mapCustomAttributes,
} from './lib/custom-attribute.mapper';
export { parseVendorTime } from './lib/time.parser';
export {
  ENDPOINT_MAPPERS,
  KEYED_RESOURCES,
  RESOURCES,
  VENDOR_READS,
  readsOf,
  type KeyedResourceDefinition,
  type KeyedResourceName,
  type ResourceDefinition,
  type ResourceName,
  type ResourceRecord,
  type VendorRead,
} from './lib/resources';
