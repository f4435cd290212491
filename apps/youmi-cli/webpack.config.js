const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');
const { IgnorePlugin } = require('webpack');

// One file with its dependencies, so `youmi` starts quickly wherever the workspace is.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/youmi-cli'), clean: true },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      optimization: false,
      externalDependencies: 'none',
    }),
    // pg's optional native binding (used only with NODE_PG_FORCE_NATIVE), which is not installed.
    new IgnorePlugin({ resourceRegExp: /^pg-native$/ }),
  ],
};
