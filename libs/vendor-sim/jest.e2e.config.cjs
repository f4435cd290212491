// The end-to-end tests: they start the simulator, the built apps, Redis or servers (`nx e2e vendor-sim-lib`).
module.exports = {
  ...require('./jest.config.cjs'),
  displayName: 'vendor-sim-lib e2e',
  testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
};
