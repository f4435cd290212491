// The facade's `wantsCsv` beside negotiator's `mediaType`, as a cache hit calls it: first where the two
// answer differently, then the time per call, the two alternated round by round in one process.
// Run: node tools/bench/accept-negotiation.mjs
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Negotiator from 'negotiator';
import ts from 'typescript';

const source = readFileSync(new URL('../../apps/facade/src/answers/accept.ts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } });
const loaded = { exports: {} };
new Function('module', 'exports', compiled.outputText)(loaded, loaded.exports);

const ours = (accept) => loaded.exports.wantsCsv(undefined, accept);
const negotiator = (accept) =>
  new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/csv']) === 'text/csv';

const CASES = [
  'text/csv, application/json',
  'text/csv;level=1;q=0.7, application/json;q=0.6',
  'text/csv;qq=0.1',
  'text/csv;q=Infinity',
  'text/csv;charset=utf-8',
  'text/csv;q=0.5, */*',
  'text/csv;q=0.9, application/json;q=0.8',
  '*/*',
];
console.log('Accept | wantsCsv | negotiator');
for (const accept of CASES) {
  const [a, b] = [ours(accept), negotiator(accept)].map((csv) => (csv ? 'CSV' : 'JSON'));
  console.log(`${accept} | ${a} | ${b}${a === b ? '' : '  (differs)'}`);
}

const HEADERS = {
  none: undefined,
  '*/*': '*/*',
  'application/json': 'application/json',
  'text/csv': 'text/csv',
  'a browser': 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
};
const CALLS = 500_000;
const ROUNDS = 7;
const median = (values) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
function time(decide, accept) {
  let csv = 0;
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) if (decide(accept)) csv++;
  return { ns: ((performance.now() - start) * 1e6) / CALLS, csv };
}
console.log('\nAccept | wantsCsv ns/call | negotiator ns/call | ratio');
for (const [name, accept] of Object.entries(HEADERS)) {
  const a = [];
  const b = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(time(ours, accept).ns);
    b.push(time(negotiator, accept).ns);
  }
  const [x, y] = [median(a), median(b)];
  console.log(`${name} | ${x.toFixed(0)} | ${y.toFixed(0)} | ${(y / x).toFixed(1)} ×`);
}
