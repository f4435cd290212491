export { createFacadeClient, FacadeProblemError, type FacadeClient, type FacadeClientOptions, type FacadeOperations } from './lib/facade-client';
export type * from './generated/facade-api';
export { Api } from './generated/facade-api';
