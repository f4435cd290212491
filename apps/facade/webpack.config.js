const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { Compilation, ContextReplacementPlugin, IgnorePlugin, sources } = require('webpack');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

function resolvable(request, from) {
  try {
    require.resolve(request, { paths: [from] });
    return true;
  } catch {
    return false;
  }
}

/**
 * One file, node_modules included: a cold start loads one script instead of a thousand modules.
 * The Swagger CLI plugin runs as a ts-loader transformer, as Nx sets it up for Nest apps.
 */
module.exports = {
  // Source maps of packages that ship none, and Nest's loaders of optional packages, are not our concern.
  ignoreWarnings: [
    /Failed to parse source map/,
    /Critical dependency: the request of a dependency is an expression/,
  ],
  output: { path: join(__dirname, '../../dist/apps/facade'), clean: true },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // Change detection runs in a worker thread, which loads its own script from beside main.js.
      additionalEntryPoints: [
        { entryName: 'detection-worker', entryPath: './src/changes/detection/detection.worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // Minified: the smaller script compiles faster at start (measured in docs/benchmarks.md).
      optimization: true,
      externalDependencies: 'none',
      transformers: [
        { name: '@nestjs/swagger/plugin', options: { classValidatorShim: true, introspectComments: true } },
      ],
      // Swagger UI's files are served from beside the bundle (swagger-ui-dist finds them by __dirname).
      assets: [
        {
          input: '../../node_modules/swagger-ui-dist',
          glob: '{swagger-ui*.{js,css},favicon-*.png}',
          output: '.',
        },
      ],
    }),
    {
      // With transformers ts-loader compiles a whole program: it must only see this app's sources, the
      // workspace libraries coming in already built. It compiles from scratch, never from the build info
      // the typecheck target keeps (a second build with unchanged sources "emitted no output" from it),
      // and emits no declarations (the bundle needs none).
      apply(compiler) {
        for (const rule of compiler.options.module.rules) {
          if (rule && typeof rule.loader === 'string' && rule.loader.includes('ts-loader')) {
            rule.include = [join(__dirname, 'src')];
            const options = rule.options ?? {};
            rule.options = {
              ...options,
              compilerOptions: {
                ...options.compilerOptions,
                composite: false,
                incremental: false,
                declaration: false,
                declarationMap: false,
              },
            };
          }
        }
      },
    },
    {
      // The bundle is facade.js; main.js runs it through a V8 code cache (start-with-code-cache.cjs).
      apply(compiler) {
        const { main, ...others } = compiler.options.entry;
        compiler.options.entry = { ...others, facade: main };
        compiler.hooks.thisCompilation.tap('StartWithCodeCache', (compilation) => {
          compilation.hooks.processAssets.tap(
            { name: 'StartWithCodeCache', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
            () =>
              compilation.emitAsset(
                'main.js',
                new sources.RawSource(readFileSync(join(__dirname, 'start-with-code-cache.cjs'), 'utf8')),
                { minimized: true },
              ),
          );
        });
      },
    },
    // Terminus loads the ORM/broker package of an indicator by name only when that indicator is used
    // (none is here); without this webpack would bundle every file beside that loader as a context.
    new ContextReplacementPlugin(/@nestjs[\\/]terminus[\\/]dist[\\/]utils$/, false, /^$/),
    // Packages load some dependencies only when they are installed (Nest's microservices and
    // websockets, terminus's ORM indicators…); none is used here. Left out of the bundle, such a
    // require fails at run time exactly as it would unbundled.
    new IgnorePlugin({
      checkResource: (resource, context) =>
        context.includes('node_modules') && !resolvable(resource, context),
    }),
  ],
};
