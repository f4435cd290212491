export { findWorkspaceRoot, simulatorEntryPath } from './workspace-root';
export {
  startSimulator,
  TEST_APP_ID,
  TEST_APP_KEY,
  type RunningSimulator,
  type SimFault,
  type SimRecordChange,
  type SimRecordChangeResult,
  type SimRecordEndpoint,
  type StartSimulatorOptions,
} from './simulator-process';
export { vendorSignature, signedVendorHeaders, fetchVendorToken } from './vendor-signing';
export {
  runFacadeProcess,
  startFacadeProcess,
  type FacadeRun,
  type RunningFacadeProcess,
} from './facade-process';
export {
  envelope,
  getToken,
  must,
  nowSeconds,
  tokenBody,
  tokenCall,
  valuesOf,
  vendorCall,
  MSG_TIME,
  type Envelope,
  type VendorReply,
  type VendorTarget,
} from './vendor-calls';
export { freePort } from './free-port';
export { NEW_LABEL } from './vendor-records';
