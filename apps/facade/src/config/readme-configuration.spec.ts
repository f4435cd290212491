import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { facadeEnv } from './facade-config';

/** The rows of the README's Configuration table: the variables of the first cell, and the default. */
function readmeTable(): Array<{ variables: string[]; fallback: string }> {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [names, fallback] = line.split('|').slice(1, 3);
      return { variables: [...names.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]), fallback: fallback.trim() };
    });
}

describe("the README's Configuration table", () => {
  const rows = readmeTable();

  it('lists every variable of the schema, and no other, in its order', () => {
    expect(rows.flatMap((row) => row.variables)).toEqual(Object.keys(facadeEnv.shape));
  });

  it("gives each variable the schema's default", () => {
    const defaults: Record<string, unknown> = facadeEnv.parse({});
    for (const { variables, fallback } of rows) {
      for (const variable of variables) {
        const value = defaults[variable];
        const documented =
          value === undefined || (Array.isArray(value) && value.length === 0) ? 'unset' : String(value);
        expect({ variable, fallback: fallback.replace(/`/g, '') }).toEqual({
          variable,
          fallback: documented,
        });
      }
    }
  });
});
