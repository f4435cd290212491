// `npm run mutate [-- project…]`: StrykerJS over each project in turn (incremental: only mutants whose
// code or tests changed run again), then docs/mutation.md and docs/mutation.json from the reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PROJECTS } from './projects.mjs';

const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const reportOnly = process.argv.includes('--report-only');
for (const name of chosen)
  if (!PROJECTS[name])
    throw new Error(`unknown project "${name}": one of ${Object.keys(PROJECTS).join(', ')}`);
const names = chosen.length > 0 ? chosen : Object.keys(PROJECTS);

if (!reportOnly) {
  for (const name of names) {
    console.log(`\n== ${name}`);
    const run = spawnSync('npx', ['stryker', 'run', 'tools/mutation/stryker.config.mjs'], {
      stdio: 'inherit',
      env: { ...process.env, MUTATE_PROJECT: name },
    });
    if (run.status !== 0) throw new Error(`stryker failed for ${name} (exit ${run.status})`);
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
/**
 * Survivors looked at are marked in the code, where they move with it: `// Stryker disable next-line
 * <mutators>: <reason>` (or `disable` … `restore` around a try statement, for a catch block), the reason
 * going on in the comment lines below. An equivalent mutant (no test can tell it apart) leaves the score;
 * one whose reason begins `unnoticeable:` differs only for input the code never gets or in nothing a user
 * can see, and is still counted as undetected. Stryker reports both as Ignored, with the reason's first line.
 */
const UNNOTICEABLE = 'unnoticeable:';
function reasonInSource(lines, statusReason) {
  const at = lines.findIndex((line) => /\/\/ Stryker disable/.test(line) && line.includes(statusReason));
  if (at < 0) return statusReason;
  const words = [statusReason];
  for (let i = at + 1; i < lines.length && /^\s*\/\/ (?!Stryker)/.test(lines[i]); i += 1)
    words.push(lines[i].trim().slice(3));
  return words.join(' ');
}

function summarise(name) {
  const file = `reports/mutation/${name}.json`;
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = {
    Killed: 0,
    Timeout: 0,
    Survived: 0,
    NoCoverage: 0,
    CompileError: 0,
    RuntimeError: 0,
    Ignored: 0,
  };
  const survivors = [];
  for (const [path, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const mutant of mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      const judged = mutant.status === 'Ignored' && mutant.statusReason;
      if (!UNDETECTED.has(mutant.status) && !judged) continue;
      const line = mutant.location.start.line;
      const reason = judged ? reasonInSource(lines, mutant.statusReason) : undefined;
      const unnoticeable = reason?.startsWith(UNNOTICEABLE);
      survivors.push({
        path,
        line,
        mutator: mutant.mutatorName,
        status: mutant.status,
        replacement: mutant.replacement ?? '',
        code: (lines[line - 1] ?? '').trim(),
        equivalent: judged && !unnoticeable ? reason : undefined,
        unnoticeable: unnoticeable ? reason.slice(UNNOTICEABLE.length).trim() : undefined,
      });
    }
  }
  const detected = [...DETECTED].reduce((sum, status) => sum + counts[status], 0);
  const unnoticeable = survivors.filter((s) => s.unnoticeable).length;
  const undetected = [...UNDETECTED].reduce((sum, status) => sum + counts[status], 0) + unnoticeable;
  const judged = survivors.filter((s) => s.equivalent).length;
  const percent = (part, whole) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
  // A mutant judged equivalent behaves exactly like the original, so no test could detect it: it leaves the
  // score, and the raw score counts it as undetected.
  return {
    counts,
    judged,
    score: percent(detected, detected + undetected),
    raw: percent(detected, detected + undetected + judged),
    survivors,
  };
}

const results = Object.fromEntries(Object.keys(PROJECTS).map((name) => [name, summarise(name)]));
const scores = Object.fromEntries(
  Object.entries(results)
    .filter(([, r]) => r)
    .map(([name, r]) => [name, r.score]),
);
writeFileSync('docs/mutation.json', `${JSON.stringify(scores, null, 2)}\n`);

const row = (name, r) => {
  const { target } = PROJECTS[name];
  const met = r.score === null ? 'n/a (no mutants)' : r.score >= target ? 'yes' : '**no**';
  const c = r.counts;
  return `| ${name} | ${r.score ?? 'n/a'} | ${r.raw ?? 'n/a'} | ${target} | ${met} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${r.judged} | ${c.CompileError + c.RuntimeError} |`;
};
const clip = (text) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 90);
const md = [
  '# Mutation testing',
  '',
  `Written by \`npm run mutate\` (StrykerJS ${JSON.parse(readFileSync('node_modules/@stryker-mutator/core/package.json', 'utf8')).version}, jest runner, per-test coverage, incremental, 2 processes) on ${new Date().toISOString().slice(0, 10)}.`,
  'The score is the share of mutants the tests detect (killed or timed out) among those they could: survivors and',
  'mutants no test runs count against it; mutants that do not compile (the TypeScript checker) do not count.',
  'Survivors judged equivalent (they behave exactly like the original code; the reason for each is below, kept in',
  'the code beside them as a `// Stryker disable` comment) leave the score; the raw score counts them as undetected.',
  "What each project mutates is in `tools/mutation/projects.mjs`. The facade's request path is measured with its unit",
  'tests and the end-to-end tests that need only Redis (`apps/facade/test/redis/`): the others boot whole applications,',
  "too slow to rerun per mutant, so what only they catch counts against it. The mapping's property tests run 30 cases per property under Stryker (150 in `npm test`).",
  '',
  '| project | score | raw score | target | met | killed | timeout | survived | no coverage | judged equivalent | errors |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...Object.entries(results)
    .filter(([, r]) => r)
    .map(([name, r]) => row(name, r)),
  '',
  ...(Object.values(results).some((r) => !r)
    ? [
        `Not run for this report (no results in \`reports/mutation/\`): ${Object.entries(results)
          .filter(([, r]) => !r)
          .map(([name]) => name)
          .join(', ')}.`,
        '',
      ]
    : []),
  'Timed-out mutants count as detected, as Stryker counts them.',
  '',
];
for (const [name, r] of Object.entries(results)) {
  if (!r) continue;
  const open = r.survivors.filter((s) => !s.equivalent && !s.unnoticeable);
  const unnoticeable = r.survivors.filter((s) => s.unnoticeable);
  const judged = r.survivors.filter((s) => s.equivalent);
  md.push(`## ${name}`, '');
  if (r.score === null)
    md.push('No mutants: only `as const` constant lists and types, which Stryker does not mutate.', '');
  else if (r.survivors.length === 0) md.push('Every mutant detected.', '');
  if (judged.length > 0) {
    md.push(
      'Judged equivalent (no test can tell them apart):',
      '',
      '| where | mutation | why |',
      '| --- | --- | --- |',
    );
    for (const s of judged)
      md.push(`| \`${s.path}:${s.line}\` | ${s.mutator}: \`${clip(s.replacement)}\` | ${s.equivalent} |`);
    md.push('');
  }
  if (unnoticeable.length > 0) {
    md.push(
      'Left without a test, counted as undetected (they differ only for input the code never gets, or in nothing a user can see):',
      '',
      '| where | mutation | why |',
      '| --- | --- | --- |',
    );
    for (const s of unnoticeable)
      md.push(`| \`${s.path}:${s.line}\` | ${s.mutator}: \`${clip(s.replacement)}\` | ${s.unnoticeable} |`);
    md.push('');
  }
  if (open.length > 0) {
    md.push(
      `Undetected (${open.length}):`,
      '',
      '| where | status | mutation | code |',
      '| --- | --- | --- | --- |',
    );
    for (const s of open)
      md.push(
        `| \`${s.path}:${s.line}\` | ${s.status} | ${s.mutator}: \`${clip(s.replacement)}\` | \`${clip(s.code)}\` |`,
      );
    md.push('');
  }
}
writeFileSync('docs/mutation.md', md.join('\n'));
console.log(JSON.stringify(scores));
