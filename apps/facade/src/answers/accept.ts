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
    // Stryker disable next-line MethodExpression: The type and each parameter are trimmed after the split, so
    // trimming the whole range first changes nothing.
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
  // Stryker disable next-line ConditionalExpression,EqualityOperator: json starts at 0 and only grows, so csv
  // > json already means csv > 0.
  return csv > 0 && csv > json;
}

/** The `format` query parameter of a raw URL, as Fastify's parsed query would hold it. */
export function formatInUrl(url: string): string | string[] | undefined {
  const start = url.indexOf('?');
  // Parsing is skipped when the name cannot be there, even percent-encoded.
  // Stryker disable next-line EqualityOperator: unnoticeable: A request target starts with '/' (or a scheme,
  // or '*'), never with '?', so start is never 0.
  // Stryker disable next-line ConditionalExpression,StringLiteral: These operands only skip parsing a query
  // that cannot hold 'format', even percent-encoded; parsing it anyway finds no format and answers undefined
  // just the same (the start < 0 operand is caught by the path that looks like a query). includes('') is
  // always true, which only turns the shortcut off: the query is parsed and gives the same answer.
  if (start < 0 || (!url.includes('format', start) && !url.includes('%', start))) return undefined;
  const values = new URLSearchParams(url.slice(start + 1)).getAll('format');
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}
