// StrykerJS for one project at a time: `MUTATE_PROJECT=mapping npx stryker run
// tools/mutation/stryker.config.mjs` (`npm run mutate` runs every project and writes docs/mutation.md and
// docs/mutation.json).
import { PROJECTS } from './projects.mjs';

const name = process.env.MUTATE_PROJECT ?? 'mapping';
const project = PROJECTS[name];
if (!project)
  throw new Error(`MUTATE_PROJECT must be one of ${Object.keys(PROJECTS).join(', ')} (got "${name}")`);

// `MUTATE_ONLY=<file>:<from>-<to>,…` narrows a run to those lines, to recheck survivors after new tests
// without a full run; such a run is not incremental and its report is kept apart (`<project>.recheck.json`).
const only = process.env.MUTATE_ONLY?.split(',').filter(Boolean);

// Cases per fast-check property in the mapping's tests (150 in `npm test`); the test runners inherit it.
process.env.PROPERTY_RUNS ??= '30';

export default {
  mutate: only ?? project.mutate,
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: project.jestConfig,
    enableFindRelatedTests: false,
    ...(project.jestOverrides ? { config: project.jestOverrides } : {}),
  },
  // Only the tests that cover a mutant run against it; on 2 cores that is what makes a full run fit.
  coverageAnalysis: 'perTest',
  checkers: project.typeCheck ? ['typescript'] : [],
  tsconfigFile: project.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  incremental: !only,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${name}${only ? '.recheck' : ''}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', '.nx', 'reports', 'coverage', 'tmp', '**/dist', '**/out-tsc'],
  disableTypeChecks: '{apps,libs}/**/*.ts',
};
