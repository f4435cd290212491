// The vendor simulator as a library: start it in-process (the facade and the CLI do, when no vendor is
// configured), or generate its datasets. `node dist/apps/vendor-sim/main.js` runs it as a process.
export {
  createSimulator,
  urlHost,
  VENDOR_ROOT,
  DEFAULT_TOKEN_TTL_SECONDS,
  type Simulator,
  type SimulatorOptions,
  type SimulatorAddress,
} from './lib/sim-server';
export { SimClock, MAX_CLOCK_OFFSET_SECONDS } from './lib/sim-clock';
export {
  parseFault,
  FaultValidationError,
  VENDOR_PATHS,
  type SimFault,
  type ActiveFault,
} from './lib/fault-store';
export {
  RecordStore,
  RecordChangeError,
  parseRecordChange,
  parseRecordChanges,
  recordKey,
  RECORD_KEY_FIELDS,
  type RecordChange,
  type RecordChangeResult,
  type RecordEndpoint,
  type RecordOp,
  type WireRow,
} from './lib/record-store';
export { vendorSignature, signatureBase64, verifySignature } from './lib/signature';
export { createSeedDataset } from './lib/seed-dataset';
export type { SimDataset, DatasetName } from './lib/sim-dataset';
export {
  createSyntheticDataset,
  generateOperatorAccounts,
  generateStaff,
  generateLabelTaxonomy,
  generateAdGroups,
  generateCustomAttributes,
  generateStaffWechat,
  operatorAccountAt,
  syntheticSizes,
  DEFAULT_SYNTHETIC_SEED,
  SCALE_ONE_SIZES,
  type LabelTaxonomy,
  type SyntheticOptions,
  type SyntheticSizes,
} from './lib/synthetic-dataset';
export { formatVendorTime, vendorNow } from './lib/vendor-time';
