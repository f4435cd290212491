import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, startSimulator, type RunningSimulator } from '@youmi-facade/testing';

// The published libraries as an app outside this repository gets them: packed into tarballs, installed
// into a fresh project with npm, then required, imported, type-checked and used against the simulator.

const PACKAGES = ['domain', 'mapping', 'vendor-client', 'sdk'];
const root = findWorkspaceRoot();
let dir: string;
let sim: RunningSimulator;

function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  }) as string;
}

/** Runs a script file of the outside project with node and parses the one JSON line it prints. */
function node(file: string, source: string, env: Record<string, string> = {}): Record<string, unknown> {
  writeFileSync(join(dir, file), source);
  return JSON.parse(run(process.execPath, [file], { env: { PATH: process.env['PATH'] ?? '', ...env } }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'youmi-outside-app-'));
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  run(
    'npm',
    [
      'pack',
      ...PACKAGES.flatMap((name) => ['-w', `libs/${name}`]),
      '--pack-destination',
      tarballs,
      '--silent',
    ],
    { cwd: root },
  );
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'outside-app', version: '1.0.0', private: true }),
  );
  const files = readdirSync(tarballs).map((file) => `./tarballs/${file}`);
  expect(files).toHaveLength(PACKAGES.length);
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', ...files, '@types/node@^20.19.0']);
  sim = await startSimulator();
});

afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed libraries in an app outside the repository', () => {
  it('install without Nest, and load with require', () => {
    const loaded = node(
      'require.cjs',
      `const client = require('@youmi-facade/vendor-client');
       const wire = require('@youmi-facade/vendor-client/wire');
       const mapping = require('@youmi-facade/mapping');
       const domain = require('@youmi-facade/domain');
       const sdk = require('@youmi-facade/sdk');
       console.log(JSON.stringify({
         client: typeof client.VendorClient, codes: wire.vendorCode(200006).meaning, staff: typeof mapping.mapStaffList,
         statuses: domain.STAFF_STATUSES, sdk: typeof sdk.createFacadeClient,
         nestLoaded: Object.keys(require.cache).some((file) => file.includes('@nestjs')),
       }));`,
    );
    expect(loaded).toEqual({
      client: 'function',
      codes: 'wrong signing key (the signature does not match the appkey)',
      staff: 'function',
      statuses: ['active', 'disabled'],
      sdk: 'function',
      nestLoaded: false,
    });
    // The Nest module is a subpath whose peer, @nestjs/common, a plain Node app does not install.
    expect(() => node('nest.cjs', `require('@youmi-facade/vendor-client/nest');`)).toThrow(
      /Cannot find module '@nestjs\/common'/,
    );
  });

  it('load with import, named exports included', () => {
    const loaded = node(
      'import.mjs',
      `import { VendorClient, describeClockOffset } from '@youmi-facade/vendor-client';
       import { VENDOR_ENDPOINTS } from '@youmi-facade/vendor-client/wire';
       import { buildLabelTree } from '@youmi-facade/mapping';
       import { STAFF_STATUSES } from '@youmi-facade/domain';
       import { createFacadeClient, FacadeProblemError } from '@youmi-facade/sdk';
       console.log(JSON.stringify({
         client: typeof VendorClient, clock: describeClockOffset(-660000), path: VENDOR_ENDPOINTS.operatorAccounts.path,
         tree: typeof buildLabelTree, statuses: STAFF_STATUSES, sdk: typeof createFacadeClient, problem: typeof FacadeProblemError,
       }));`,
    );
    expect(loaded).toEqual({
      client: 'function',
      clock: "our clock is 11 min behind the vendor's",
      path: 'WeCaht',
      tree: 'function',
      statuses: ['active', 'disabled'],
      sdk: 'function',
      problem: 'function',
    });
  });

  it('type-check a strict TypeScript app against their declarations, as CommonJS and as ESM', () => {
    const source = `
      import { VendorClient, VendorAuthError, type VendorClockSnapshot } from '@youmi-facade/vendor-client';
      import { vendorCode, type WireStaff } from '@youmi-facade/vendor-client/wire';
      import { mapStaffList, buildLabelTree } from '@youmi-facade/mapping';
      import type { Staff, LabelTreeNode, DriftRecord } from '@youmi-facade/domain';
      import { createFacadeClient, type OperatorAccountDto } from '@youmi-facade/sdk';

      export async function use(baseUrl: string): Promise<string[]> {
        const client = new VendorClient({ baseUrl, appId: 'id', appKey: 'key', timeoutMs: 1000 });
        const clock: VendorClockSnapshot = client.clock();
        const staff: WireStaff[] = (await client.getStaff({ ad_staff_state: 0 })).values;
        const drift: DriftRecord[] = [];
        const models: Staff[] = mapStaffList(staff, (record) => drift.push(record));
        const tree: LabelTreeNode[] = buildLabelTree([], [], () => undefined);
        const facade = createFacadeClient({ baseUrl: 'http://localhost:3000' });
        const page = await facade.listOperatorAccounts({ limit: 1 });
        const first: OperatorAccountDto | undefined = page.data[0];
        const meaning: string = vendorCode(200005).meaning;
        const refused = new Error() instanceof VendorAuthError;
        return [String(clock.offsetMs), ...models.map((s) => s.code), String(tree.length), String(first?.id), meaning, String(refused)];
      }
    `;
    writeFileSync(join(dir, 'app.ts'), source);
    writeFileSync(join(dir, 'app.mts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2023', 'dom'],
          types: ['node'],
        },
        files: ['app.ts', 'app.mts'],
      }),
    );
    expect(() =>
      run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']),
    ).not.toThrow();
  });

  it('obtain a token, sign calls and map the answers of the simulator into a label tree', () => {
    const result = node(
      'call.mjs',
      `import { VendorClient } from '@youmi-facade/vendor-client';
       import { buildLabelTree, mapStaffList } from '@youmi-facade/mapping';
       const client = new VendorClient({ baseUrl: process.env.BASE_URL, appId: process.env.APP_ID, appKey: process.env.APP_KEY });
       const [categories, labels, staff] = await Promise.all([client.getLabelCategories(), client.getLabels(), client.getStaff()]);
       const drift = [];
       const tree = buildLabelTree(categories.values, labels.values, (record) => drift.push(record));
       console.log(JSON.stringify({
         tokenRequests: client.tokenRequests, connection: client.connection().state,
         tree: tree.map((category) => [category.name, category.labels.length]),
         staff: mapStaffList(staff.values, (record) => drift.push(record)).map((member) => member.code),
       }));`,
      { BASE_URL: sim.baseUrl, APP_ID: sim.appId, APP_KEY: sim.appKey },
    );
    expect(result).toEqual({
      tokenRequests: 1,
      connection: 'ok',
      tree: [
        ['职务', 2],
        ['客户意向', 3],
        ['A.客户级别', 0],
      ],
      staff: expect.arrayContaining(['b01', 'b03']),
    });
  });
});
