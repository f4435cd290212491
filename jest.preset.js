const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Workspace packages are tested from their sources (the `@youmi-facade/source` export condition),
  // never from a build that may be stale.
  testEnvironmentOptions: { customExportConditions: ['@youmi-facade/source', 'node', 'require', 'default'] },
  testTimeout: 30000,
};
