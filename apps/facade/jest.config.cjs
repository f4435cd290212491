module.exports = {
  displayName: 'facade',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        diagnostics: false,
        // The Swagger CLI plugin, as in the build, so tests see the same OpenAPI document.
        astTransformers: { before: ['<rootDir>/jest.swagger-transformer.cjs'] },
      },
    ],
  },
};
