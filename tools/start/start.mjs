// `npm start`: builds the facade and the simulator when their sources changed (Nx caches the builds),
// then runs the facade; with no UPSTREAM_BASE_URL it starts the bundled simulator and uses it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildApps, root } from '../lib/built-apps.mjs';

if (!buildApps()) {
  console.error('build failed: run `npx nx run-many -t build -p facade,vendor-sim` to see why');
  process.exit(1);
}
const facade = spawn(process.execPath, [join(root, 'dist/apps/facade/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => facade.kill(signal));
facade.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
