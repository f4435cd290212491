/** The most items a page holds. */
export const MAX_LIMIT = 500;
/** The largest offset taken: far beyond any list the vendor holds (the biggest are some 100,000 items). */
export const MAX_OFFSET = 10_000_000;

/** What a 400 says of each parameter rule, written once for the validators, the problems and the docs. */
export const VALIDATION_MESSAGES = {
  limit: `limit must be an integer from 1 to ${MAX_LIMIT}, or all for CSV export`,
  limitAllIsForCsv: `limit must be an integer from 1 to ${MAX_LIMIT}; all is only for CSV export`,
  offset: `offset must be an integer from 0 to ${MAX_OFFSET}`,
  positiveId: (field: string) => `${field} must be a positive integer`,
  printable: (field: string) => `${field} must not hold control characters`,
  unknownParameter: (field: string) => `${field} is not a known parameter`,
  percentEncoding: (field: string) =>
    `${field} is not valid percent-encoding: encode its UTF-8 bytes, e.g. 王 as %E7%8E%8B (RFC 3986)`,
} as const;
