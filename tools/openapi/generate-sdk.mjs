// Generates the SDK's types and HTTP client from the committed apps/facade/openapi.json, so the SDK
// follows the API's document and is never edited by hand. `npm run openapi` runs it.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The generator's arguments; the SDK's test regenerates with the same ones to prove the file is current. */
export function generatorArgs(document, outputDir) {
  return [
    join(root, 'node_modules/swagger-typescript-api/dist/cli.mjs'),
    'generate',
    `--path=${document}`,
    `--output=${outputDir}`,
    '--name=facade-api.ts',
    // No --http-client: this CLI version picks axios whenever the flag is present at all; fetch is its
    // default.
    '--enum-style=union',
    '--sort-types',
    '--silent',
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = spawnSync(
    process.execPath,
    generatorArgs(join(root, 'apps/facade/openapi.json'), join(root, 'libs/sdk/src/generated')),
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log('wrote libs/sdk/src/generated/facade-api.ts');
}
