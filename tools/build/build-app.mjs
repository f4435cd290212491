// Compiles one app and the workspace libs it imports with the TypeScript API (so the Nest Swagger
// plugin can run as a transformer), then writes dist/apps/<app>/main.js: an entry that resolves the
// @youmi-facade/* aliases to the compiled libs, so `node dist/apps/<app>/main.js` runs from a clean clone.
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const [app, ...flags] = process.argv.slice(2);
if (!app) {
  console.error('usage: node tools/build/build-app.mjs <app> [--swagger-plugin]');
  process.exit(2);
}
const appRoot = join(root, 'apps', app);
const outDir = join(root, 'dist', 'apps', app);
const configPath = join(appRoot, 'tsconfig.app.json');

const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { outDir, noEmit: false, declaration: false }, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
rmSync(outDir, { recursive: true, force: true });
const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, rootDir: root } });
const before = [];
if (flags.includes('--swagger-plugin')) {
  const plugin = require('@nestjs/swagger/plugin');
  before.push(plugin.before({ classValidatorShim: true, introspectComments: true }, program));
}
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit(undefined, undefined, undefined, false, { before }).diagnostics];
if (diagnostics.length > 0) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, { ...ts.sys, getCanonicalFileName: (f) => f, getNewLine: () => '\n', getCurrentDirectory: () => root }));
  process.exit(1);
}

const paths = parsed.options.paths ?? {};
const aliases = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [alias, './' + relative(root, resolve(root, target)).replace(/\.ts$/, '.js')]),
);
mkdirSync(outDir, { recursive: true });
// register-aliases.js lets any script load the compiled libs (e.g. the benchmarks) without starting the app.
writeFileSync(
  join(outDir, 'register-aliases.js'),
  `'use strict';
const Module = require('node:module');
const path = require('node:path');
const aliases = ${JSON.stringify(aliases, null, 2)};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = aliases[request];
  return resolveFilename.call(this, target ? path.join(__dirname, target) : request, ...rest);
};
`,
);
writeFileSync(join(outDir, 'main.js'), `'use strict';\nrequire('./register-aliases.js');\nrequire('./apps/${app}/src/main.js');\n`);
console.log(`built ${relative(root, outDir)}/main.js`);
