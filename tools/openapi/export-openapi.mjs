// Writes the facade's live OpenAPI document to apps/facade/openapi.json: starts the built facade on a
// free port (pointed at an address it never calls while serving the document) and saves what it serves.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startBuiltFacade } from '../lib/built-apps.mjs';

if (!existsSync(join(root, 'dist/apps/facade/main.js'))) {
  console.error(
    'dist/apps/facade/main.js is missing: run `npx nx build facade` first (npm run openapi does).',
  );
  process.exit(1);
}
const facade = startBuiltFacade({
  LOG_LEVEL: 'silent',
  UPSTREAM_BASE_URL: 'http://127.0.0.1:9/publicapi/v1/',
  UPSTREAM_APP_ID: 'openapi-export',
  UPSTREAM_APP_KEY: 'openapi-export',
});
try {
  const document = await (await fetch(`${await facade.origin}/docs/openapi.json`)).json();
  writeFileSync(join(root, 'apps/facade/openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote apps/facade/openapi.json (${Object.keys(document.paths).length} paths)`);
} catch (error) {
  console.error(`openapi export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  facade.child.kill('SIGTERM');
}
