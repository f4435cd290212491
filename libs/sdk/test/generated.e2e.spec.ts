import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@youmi-facade/testing';

const root = findWorkspaceRoot();

function generate(documentPath: string): string {
  const out = mkdtempSync(join(tmpdir(), 'sdk-gen-'));
  try {
    const script = `import('${join(root, 'tools/openapi/generate-sdk.mjs')}').then(({ generatorArgs }) => console.log(JSON.stringify(generatorArgs(${JSON.stringify(documentPath)}, ${JSON.stringify(out)}))))`;
    const args = JSON.parse(
      spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout,
    ) as string[];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`generator failed: ${result.stderr}`);
    return readFileSync(join(out, 'facade-api.ts'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('the SDK is generated from apps/facade/openapi.json', () => {
  it('matches what the generator makes of the committed document (run `npm run openapi` after an API change)', () => {
    const committed = readFileSync(join(root, 'libs/sdk/src/generated/facade-api.ts'), 'utf8');
    expect(generate(join(root, 'apps/facade/openapi.json'))).toBe(committed);
  });

  it('changes its types when the document changes', () => {
    const document = JSON.parse(readFileSync(join(root, 'apps/facade/openapi.json'), 'utf8'));
    document.components.schemas.StaffDto.properties.email = { type: 'string', description: 'Work e-mail.' };
    document.components.schemas.StaffDto.required.push('email');
    const dir = mkdtempSync(join(tmpdir(), 'sdk-doc-'));
    try {
      const path = join(dir, 'openapi.json');
      writeFileSync(path, JSON.stringify(document));
      const generated = generate(path);
      expect(generated).toMatch(/export interface StaffDto \{[^}]*\n {2}email: string;/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
