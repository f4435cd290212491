// `npm start`: builds the facade and the simulator when their sources changed (Nx caches the builds),
// then runs the facade; with no UPSTREAM_BASE_URL it starts the bundled simulator and uses it.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'build', '-p', 'facade,vendor-sim', '--outputStyle=static'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } },
);
if (build.status !== 0) {
  console.error('build failed: run `npx nx run-many -t build -p facade,vendor-sim` to see why');
  process.exit(build.status ?? 1);
}
const facade = spawn(process.execPath, [join(root, 'dist/apps/facade/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => facade.kill(signal));
facade.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
