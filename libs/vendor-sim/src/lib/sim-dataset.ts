import type {
  WireAdGroup,
  WireCustomAttribute,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from '@youmi-facade/vendor-client/wire';

export type DatasetName = 'seed' | 'synthetic';

/**
 * The records behind each endpoint, unfiltered and in the order the vendor sends them. Each is a
 * function so a large dataset can generate a table only when its endpoint is first called.
 */
export interface SimDataset {
  readonly name: string;
  operatorAccounts(): readonly WireOperatorAccount[];
  staff(): readonly WireStaff[];
  staffWechat(): readonly WireStaffWechat[];
  labelCategories(): readonly WireLabelCategory[];
  labels(): readonly WireLabel[];
  adGroups(): readonly WireAdGroup[];
  customAttributes(): readonly WireCustomAttribute[];
}

export function memo<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
