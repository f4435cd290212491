/** The most items a page holds. */
export const MAX_LIMIT = 500;

/** What a 400 says of each parameter rule, written once for the validators, the problems and the docs. */
export const VALIDATION_MESSAGES = {
  limit: `limit must be an integer from 1 to ${MAX_LIMIT}, or all for CSV export`,
  limitAllIsForCsv: `limit must be an integer from 1 to ${MAX_LIMIT}; all is only for CSV export`,
  offset: 'offset must be an integer of 0 or more',
  positiveId: (field: string) => `${field} must be a positive integer`,
  printable: (field: string) => `${field} must not hold control characters`,
  unknownParameter: (field: string) => `${field} is not a known parameter`,
} as const;
