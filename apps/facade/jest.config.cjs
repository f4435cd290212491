module.exports = {
  displayName: 'facade',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        diagnostics: false,
        astTransformers: { before: ['<rootDir>/../../tools/jest/swagger-plugin-transformer.cjs'] },
      },
    ],
  },
};
