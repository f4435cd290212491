import { toCsv } from '@youmi-facade/csv';
import type { DriftRecord } from '@youmi-facade/domain';
import { buildResource, RESOURCES, type ResourceName } from '@youmi-facade/mapping';
import type { Vendor } from './vendor';

/** The resources `youmi get` knows: the REST API's lists, by the same names. */
export const GET_RESOURCES = [
  'operator-accounts',
  'staff',
  'staff-assignments',
  'label-categories',
  'labels',
  'label-tree',
  'ad-groups',
  'custom-attributes',
] as const;
export type GetResource = (typeof GET_RESOURCES)[number];

export interface GetOptions {
  format: 'json' | 'csv';
  limit?: number;
  kind?: 'wechat' | 'wecom';
}

/** A request the command cannot carry out as asked; the message says what to do instead. */
export class GetUsageError extends Error {}

/**
 * The cleaned records of one resource, as the REST API answers them (same names, same order): JSON, an
 * array of records, or CSV with a BOM and dotted columns. Drift goes to `warn`, never into the output.
 */
export async function getResource(
  vendor: Vendor,
  resource: GetResource,
  options: GetOptions,
  warn: (line: string) => void,
): Promise<string> {
  if (options.kind !== undefined && resource !== 'operator-accounts')
    throw new GetUsageError('--kind applies to operator-accounts only');
  if (options.format === 'csv' && resource === 'label-tree')
    throw new GetUsageError('label-tree is a tree, not a list: use --format json');
  const name: ResourceName = options.kind ? `operator-accounts:${options.kind}` : resource;
  const definition = RESOURCES[name];
  const values = await Promise.all(
    definition.reads.map(
      async (read) =>
        (await vendor.client.call(read.endpoint, { query: read.query, body: read.body })).values,
    ),
  );
  const drift: DriftRecord[] = [];
  const records: unknown[] = buildResource(name, values, (record) => drift.push(record));
  if (drift.length > 0)
    warn(
      `the vendor sent ${drift.length} value(s) the facade does not expect (drift); they were left out or set to null`,
    );
  const shown = options.limit === undefined ? records : records.slice(0, options.limit);
  return options.format === 'csv' ? toCsv(shown) : `${JSON.stringify(shown, null, 2)}\n`;
}
