// Writes the facade's live OpenAPI document to apps/facade/openapi.json: starts the built facade on a
// free port (pointed at an address it never calls while serving the document) and saves what it serves.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entry = join(root, 'dist/apps/facade/main.js');
if (!existsSync(entry)) {
  console.error(`${entry} is missing: run \`npx nx build facade\` first (npm run openapi does).`);
  process.exit(1);
}
const child = spawn(process.execPath, [entry], {
  env: {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    UPSTREAM_BASE_URL: 'http://127.0.0.1:9/publicapi/v1/',
    UPSTREAM_APP_ID: 'openapi-export',
    UPSTREAM_APP_KEY: 'openapi-export',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const timer = setTimeout(() => {
  console.error('the facade did not start within 20 s');
  child.kill();
  process.exit(1);
}, 20000);
let output = '';
child.stdout.on('data', async (chunk) => {
  output += chunk;
  const match = /API (http:\/\/\S+)\/v1/.exec(output);
  if (!match) return;
  child.stdout.removeAllListeners('data');
  try {
    const response = await fetch(`${match[1]}/docs/openapi.json`);
    const document = await response.json();
    writeFileSync(join(root, 'apps/facade/openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote apps/facade/openapi.json (${Object.keys(document.paths).length} paths)`);
  } finally {
    clearTimeout(timer);
    child.kill();
  }
});
child.on('exit', (code) => {
  if (code !== null && code !== 0) process.exit(code);
});
