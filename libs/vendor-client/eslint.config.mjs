import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The published package declares the dependencies its code uses, and only those.
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: [
            '{projectRoot}/eslint.config.mjs',
            '{projectRoot}/jest.config.cjs',
            '{projectRoot}/jest.e2e.config.cjs',
            '{projectRoot}/test/**',
            '{projectRoot}/src/**/*.spec.ts',
          ],
        },
      ],
    },
    languageOptions: { parser: await import('jsonc-eslint-parser') },
  },
];
