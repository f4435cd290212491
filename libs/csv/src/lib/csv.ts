const BOM = '\uFEFF';

/** Flattens nested objects to dotted keys (`authorizations.push`); arrays stay whole, as JSON text. */
export function flatten(
  value: unknown,
  prefix = '',
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = value;
  }
  return into;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV with a UTF-8 BOM (so Excel shows Chinese) and a header row: the given columns (dotted
 * for nested fields, read through null parents as empty cells), else every column the rows hold.
 */
export function toCsv(rows: readonly unknown[], columns?: readonly string[]): string {
  const flat = rows.map((row) => flatten(row));
  let header = columns;
  if (header === undefined) {
    const seen = new Set<string>();
    for (const row of flat) for (const key of Object.keys(row)) seen.add(key);
    header = [...seen];
  }
  const lines = [header.map(cell).join(',')];
  for (const row of flat) lines.push(header.map((c) => cell(row[c])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
