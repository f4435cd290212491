import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const WORKSPACE_NAME = 'youmi-facade';

/** The monorepo root: the nearest directory above this file whose package.json is named youmi-facade. */
export function findWorkspaceRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === WORKSPACE_NAME)
          return dir;
      } catch {
        // A broken package.json on the way up is not the workspace; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json named "${WORKSPACE_NAME}" above ${from}`);
    dir = parent;
  }
}

/** Where `npx nx build vendor-sim` writes the simulator's entry. */
export function simulatorEntryPath(root: string = findWorkspaceRoot()): string {
  return join(root, 'dist', 'apps', 'vendor-sim', 'main.js');
}
