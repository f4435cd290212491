import type { PageQueryDto } from './page-query.dto';

interface Page {
  limit: number | null;
  offset: number;
}

function pageOf(query: PageQueryDto): Page {
  return { limit: query.limit === 'all' ? null : (query.limit ?? 50), offset: query.offset ?? 0 };
}

/** A page of a list, as every list endpoint answers it. */
export interface ListBody<T> {
  data: T[];
  meta?: { total: number; limit: number | null; offset: number };
}

/** The page `query` asks for, with the total over all pages. */
export function paginate<T>(items: readonly T[], query: PageQueryDto): Required<ListBody<T>> {
  const { limit, offset } = pageOf(query);
  const data = items.slice(offset, limit === null ? undefined : offset + limit);
  return { data, meta: { total: items.length, limit, offset } };
}
