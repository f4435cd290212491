export * from './wire';
export * from './lib/vendor-client';
export * from './lib/vendor-client.options';
export * from './lib/vendor-errors';
export { joinVendorUrl } from './lib/base-url';
export { vendorSignature, signedHeaders } from './lib/signing';
export {
  describeClockOffset,
  parseVendorTime,
  type VendorClockEvent,
  type VendorClockListener,
  type VendorClockSnapshot,
} from './lib/vendor-clock';
export type {
  VendorConnectionChange,
  VendorConnectionListener,
  VendorConnectionState,
  VendorConnectionStatus,
} from './lib/vendor-connection';
