// The simulator's in-process API, for tests and benchmark tools (`node dist/apps/vendor-sim/main.js`
// is the process entry).
export {
  createSimulator,
  VENDOR_ROOT,
  DEFAULT_TOKEN_TTL_SECONDS,
  type Simulator,
  type SimulatorOptions,
  type SimulatorAddress,
} from './sim-server';
export { parseSimConfig, SimConfigError, DEMO_APP_ID, DEMO_APP_KEY, type SimConfig } from './sim-config';
export {
  parseFault,
  FaultValidationError,
  VENDOR_PATHS,
  type SimFault,
  type ActiveFault,
} from './fault-store';
export { vendorSignature, signatureBase64, verifySignature } from './signature';
export { createSeedDataset } from './seed-dataset';
export type { SimDataset, DatasetName } from './sim-dataset';
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
} from './synthetic-dataset';
