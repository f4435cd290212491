'use strict';
// Emitted as dist/apps/facade/main.js: runs the bundle (facade.js) through a V8 code cache kept beside it, as
// compiling the script was the largest part of start-up (docs/benchmarks.md, "Cold start with a code cache").
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, 'facade.js');
const cacheFile = `${file}.${process.version}-${process.arch}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// Node's own wrapper for a CommonJS file, on a line of its own so that positions match the source map.
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(file, 'utf8')}\n})`,
  { filename: file, lineOffset: -1, cachedData },
);
if (cachedData === undefined || script.cachedDataRejected) {
  // Written once start-up has compiled its functions too; an unwritable directory only loses the cache.
  setTimeout(() => {
    const partial = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // Every start compiles, as without the cache.
    }
  }, 5000).unref();
}
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname);
