import { parse } from 'fast-querystring';

/** The names of the query's parameters whose name or value is not valid percent-encoding. */
export const MALFORMED_PARAMETERS = Symbol('malformed query parameters');

export type ParsedQuery = Record<string, unknown> & { [MALFORMED_PARAMETERS]?: string[] };

/**
 * Fastify's own parser, which keeps what it cannot decode as it came (`name=%E5%9` searches for
 * "%E5%9"), plus a note of those parameters, so that validation refuses them by name.
 */
export function parseQuery(query: string): ParsedQuery {
  if (query.length === 0) return {};
  const parsed = parse(query) as ParsedQuery;
  if (!query.includes('%')) return parsed;
  const malformed = query
    .split('&')
    .filter((pair) => !decodes(pair))
    .map((pair) => pair.split('=')[0]);
  if (malformed.length > 0) Object.defineProperty(parsed, MALFORMED_PARAMETERS, { value: malformed });
  return parsed;
}

function decodes(component: string): boolean {
  try {
    decodeURIComponent(component.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
