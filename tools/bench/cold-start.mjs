// `node tools/bench/cold-start.mjs [--runs N] [--no-warm-up] <main.js>...`: process start to the first
// 200 from /health/ready for each built facade given (with its bundled simulator, as `npm start` runs it)
// and for the minimal Nest + Fastify app, started in turn N times on the server core so that drift of the
// machine's speed falls on all. Each start's CPU time (user + system, at the first 200) is shown too:
// steadier than wall time on a busy machine. Each script first runs once for 7 s, untimed: long enough for
// the facade to write its code cache, as a facade that has served before has one; `--no-warm-up` times starts
// without it.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { root, untilReady, waitForOutput } from '../lib/built-apps.mjs';

const args = process.argv.slice(2);
const noWarmUp = args.includes('--no-warm-up');
if (noWarmUp) args.splice(args.indexOf('--no-warm-up'), 1);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 7 : Number(args.splice(runsAt, 2)[1]);
const scripts = [...(args.length ? args : ['dist/apps/facade/main.js']), 'tools/bench/minimal-nest.cjs'];
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timeStart(script) {
  const started = performance.now();
  const argv = [script];
  const child = pinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...argv], {
        cwd: root,
        env: env(),
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(process.execPath, argv, { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
  await untilReady(child, started, script);
  const ms = performance.now() - started;
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, cpuMs };
}

function env() {
  return { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
}

async function warmUp(script) {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: env(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, /API (http:\S+)\/v1/, script);
  await new Promise((r) => setTimeout(r, 7000));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

if (!noWarmUp) for (const script of scripts) await warmUp(script);
const times = Object.fromEntries(scripts.map((s) => [s, []]));
for (let i = 0; i < runs; i += 1) for (const script of scripts) times[script].push(await timeStart(script));
const minimal = times['tools/bench/minimal-nest.cjs'];
const [minimalMs, minimalCpu] = [median(minimal.map((t) => t.ms)), median(minimal.map((t) => t.cpuMs))];
for (const script of scripts) {
  const [ms, cpu] = [median(times[script].map((t) => t.ms)), median(times[script].map((t) => t.cpuMs))];
  process.stdout.write(
    `${script}: median ${ms.toFixed(0)} ms (${(ms / minimalMs).toFixed(2)} × minimal), CPU ${cpu.toFixed(0)} ms ` +
      `(${(cpu / minimalCpu).toFixed(2)} ×); wall ${times[script].map((t) => t.ms.toFixed(0)).join(', ')}; ` +
      `CPU ${times[script].map((t) => t.cpuMs.toFixed(0)).join(', ')}\n`,
  );
}
