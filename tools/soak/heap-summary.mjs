// `node tools/soak/heap-summary.mjs <before.heapsnapshot> <after.heapsnapshot>`: what grew between two V8
// heap snapshots (each taken after a full GC, so only what is still reachable), by constructor, largest
// first.
import { readFileSync } from 'node:fs';

/** Self size and count per node name (a constructor, or `(string)`, `(array)`…), for one snapshot. */
export function summarise(file) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const at = (name) => fields.indexOf(name);
  const [typeAt, nameAt, sizeAt] = [at('type'), at('name'), at('self_size')];
  const totals = new Map();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]];
    const name =
      type === 'object' || type === 'closure' ? snapshot.strings[snapshot.nodes[i + nameAt]] : `(${type})`;
    const size = snapshot.nodes[i + sizeAt];
    const entry = totals.get(name) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    totals.set(name, entry);
    total += size;
  }
  return { total, totals };
}

/** The names whose self size grew most from `before` to `after`. */
export function growth(before, after, top = 15) {
  const names = new Set([...before.totals.keys(), ...after.totals.keys()]);
  return [...names]
    .map((name) => {
      const was = before.totals.get(name) ?? { size: 0, count: 0 };
      const is = after.totals.get(name) ?? { size: 0, count: 0 };
      return { name, bytes: is.size - was.size, count: is.count - was.count, now: is.size };
    })
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (!beforeFile || !afterFile)
    throw new Error('usage: heap-summary.mjs <before.heapsnapshot> <after.heapsnapshot>');
  const before = summarise(beforeFile);
  const after = summarise(afterFile);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(`reachable heap: ${mb(before.total)} MB -> ${mb(after.total)} MB`);
  for (const row of growth(before, after))
    console.log(
      `${mb(row.bytes).padStart(8)} MB ${String(row.count).padStart(9)} objects  ${row.name} (now ${mb(row.now)} MB)`,
    );
}
