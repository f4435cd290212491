/**
 * `?format=csv`, else `Accept`: CSV when `text/csv` is acceptable (q > 0) and preferred over an explicit
 * `application/json` (a higher q, or none); JSON otherwise, on a tie too. `format` is the parsed query's
 * value (an array when repeated: no format). Not negotiator, which differs: see docs/benchmarks.md.
 */
export function wantsCsv(format: unknown, accept: string | undefined): boolean {
  if (format === 'csv') return true;
  if (format === 'json') return false;
  if (!accept || !/text\/csv/i.test(accept)) return false;
  let csv = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? '1',
    );
    const quality = Number.isFinite(q) ? q : 0;
    if (type.trim() === 'text/csv') csv = Math.max(csv, quality);
    else if (type.trim() === 'application/json') json = Math.max(json, quality);
  }
  return csv > 0 && csv > json;
}

/** The `format` query parameter of a raw URL, as Fastify's parsed query would hold it. */
export function formatInUrl(url: string): string | string[] | undefined {
  const start = url.indexOf('?');
  // Parsing is skipped when the name cannot be there, even percent-encoded.
  if (start < 0 || (!url.includes('format', start) && !url.includes('%', start))) return undefined;
  const values = new URLSearchParams(url.slice(start + 1)).getAll('format');
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}
