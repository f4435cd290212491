export {
  createFacadeClient,
  FacadeProblemError,
  type ChangesQuery,
  type FacadeClient,
  type FacadeClientOptions,
  type FacadeOperations,
} from './lib/facade-client';
export type { ChangeStreamOptions } from './lib/change-stream';
export type * from './generated/facade-api';
export { Api } from './generated/facade-api';
