export * from './wire-types';
export * from './endpoints';
export * from './codes';
export * from './wire-fields';
