module.exports = {
  displayName: 'outside-app e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }] },
  // Packing, installing from the registry and type-checking take a while on a 2-core machine.
  testTimeout: 180_000,
};
