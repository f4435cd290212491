// What `npm run mutate` mutates, per project, and the score each must reach.
const notTests = ['!**/*.spec.ts', '!**/test/**'];

export const PROJECTS = {
  // The domain has no tests of its own (constants and types): the mapping's tests use it, read from the
  // sandbox's copy instead of the installed package, so that they see its mutants.
  domain: {
    mutate: ['libs/domain/src/**/*.ts', ...notTests],
    jestConfig: 'libs/mapping/jest.config.cjs',
    jestOverrides: { moduleNameMapper: { '^@youmi-facade/domain$': '<rootDir>/../domain/src/index.ts' } },
    tsconfig: 'libs/domain/tsconfig.lib.json',
    typeCheck: true,
    target: 85,
  },
  mapping: {
    mutate: ['libs/mapping/src/**/*.ts', ...notTests],
    jestConfig: 'libs/mapping/jest.config.cjs',
    tsconfig: 'libs/mapping/tsconfig.lib.json',
    typeCheck: true,
    target: 85,
  },
  'vendor-client': {
    mutate: ['libs/vendor-client/src/**/*.ts', ...notTests, '!libs/vendor-client/src/nest/**'],
    jestConfig: 'libs/vendor-client/jest.config.cjs',
    // With its end-to-end tests against the simulator: they are quick, and the client is about the wire.
    jestOverrides: { testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e.spec.ts'] },
    tsconfig: 'libs/vendor-client/tsconfig.lib.json',
    typeCheck: true,
    target: 85,
  },
  // Its unit tests and the end-to-end tests that need only Redis: the others boot whole applications and
  // cover every line, so each mutant would rerun them all, for hours on two cores. What they alone would
  // catch counts against the score.
  'facade-request-path': {
    mutate: [
      'apps/facade/src/access/**/*.ts',
      'apps/facade/src/answers/**/*.ts',
      'apps/facade/src/request/**/*.ts',
      'apps/facade/src/routing/**/*.ts',
      'apps/facade/src/problem/**/*.ts',
      'apps/facade/src/rate-limit/**/*.ts',
      'apps/facade/src/upstream/vendor-cache.ts',
      'apps/facade/src/upstream/cache-store.ts',
      'apps/facade/src/upstream/redis-cache-store.ts',
      ...notTests,
    ],
    jestConfig: 'apps/facade/jest.config.cjs',
    jestOverrides: { testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/redis/**/*.e2e.spec.ts'] },
    tsconfig: 'apps/facade/tsconfig.app.json',
    typeCheck: false,
    target: 75,
  },
  // The change feed likewise: its unit tests and the end-to-end tests of its Redis adapters (the others boot
  // instances and the simulator).
  'facade-change-feed': {
    mutate: ['apps/facade/src/changes/**/*.ts', ...notTests],
    jestConfig: 'apps/facade/jest.config.cjs',
    jestOverrides: {
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/redis/redis-change-ports.e2e.spec.ts'],
    },
    tsconfig: 'apps/facade/tsconfig.app.json',
    typeCheck: false,
    target: 85,
  },
};
