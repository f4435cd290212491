// The end-to-end tests: they start the simulator, the built apps, Redis or servers (`nx e2e youmi-cli`).
module.exports = {
  ...require('./jest.config.cjs'),
  displayName: 'youmi-cli e2e',
  testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
};
