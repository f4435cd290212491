import type { DriftSink, Label, LabelCategory, LabelSelection, LabelTreeNode } from '@youmi-facade/domain';
import type { WireLabel, WireLabelCategory } from '@youmi-facade/vendor-client/wire';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';
import type { RawRecord } from './record.reader';
import { driftContext, endpointFields, mapRecord, mapRecords, reportUnknownFields } from './record.reader';
import { readInteger, readString } from './scalar.parser';
import { readTime } from './time.parser';

const CATEGORY_FIELDS = endpointFields('labelCategories');

const LABEL_FIELDS = endpointFields('labels');

/** A label together with the row it came from, whose category fields may be needed later. */
interface LabelRow {
  label: Label;
  raw: RawRecord<WireLabel>;
}

const ignoreDrift: DriftSink = () => undefined;

/** 标签分类: the records of a `/Label` answer, in the vendor's order. */
export function mapLabelCategories(values: unknown, sink: DriftSink): LabelCategory[] {
  return mapRecords(values, driftContext(CATEGORY_FIELDS, sink), mapCategoryRecord);
}

export function mapLabelCategory(raw: unknown, sink: DriftSink): LabelCategory | null {
  return mapRecord(raw, driftContext(CATEGORY_FIELDS, sink), mapCategoryRecord);
}

/** 标签配置: the records of a `wecahtlabel` answer, in the vendor's order. */
export function mapLabels(values: unknown, sink: DriftSink): Label[] {
  return mapRecords(values, driftContext(LABEL_FIELDS, sink), mapLabelRecord);
}

/** One `wecahtlabel` record; null (with drift) without an integer label id and category id. */
export function mapLabel(raw: unknown, sink: DriftSink): Label | null {
  return mapRecord(raw, driftContext(LABEL_FIELDS, sink), mapLabelRecord);
}

/**
 * Every category, by id ascending: those of `/Label` (the first of a repeated id wins) plus those that
 * only `wecahtlabel` rows mention, named from the row with the lowest label id so the answer does not
 * depend on the vendor's row order. Drift of the label fields themselves is left to `mapLabels`.
 */
export function buildLabelCategories(
  categoryValues: unknown,
  labelValues: unknown,
  sink: DriftSink,
): LabelCategory[] {
  const rows = mapRecords(labelValues, driftContext(LABEL_FIELDS, ignoreDrift), mapLabelRow);
  return mergeCategories(categoryValues, rows, sink);
}

/** Categories by id ascending, each with its labels by id ascending; empty categories included. */
export function buildLabelTree(
  categoryValues: unknown,
  labelValues: unknown,
  sink: DriftSink,
): LabelTreeNode[] {
  const rows = mapRecords(labelValues, driftContext(LABEL_FIELDS, sink), mapLabelRow);
  const nodes = mergeCategories(categoryValues, rows, sink).map((category): LabelTreeNode => ({
    id: category.id,
    name: category.name,
    selection: category.selection,
    labels: [],
  }));
  const byId = new Map<number, LabelTreeNode>();
  for (const node of nodes) byId.set(node.id, node);
  rows.sort((a, b) => a.label.id - b.label.id);
  for (const { label } of rows) {
    byId.get(label.categoryId)?.labels.push({
      id: label.id,
      name: label.name,
      createdAt: label.createdAt,
      merchantId: label.merchantId,
    });
  }
  return nodes;
}

function mergeCategories(
  categoryValues: unknown,
  rows: readonly LabelRow[],
  sink: DriftSink,
): LabelCategory[] {
  const categories = new Map<number, LabelCategory>();
  for (const category of mapLabelCategories(categoryValues, sink)) {
    if (!categories.has(category.id)) categories.set(category.id, category);
  }
  const namingRows = new Map<number, LabelRow>();
  for (const row of rows) {
    const categoryId = row.label.categoryId;
    if (categories.has(categoryId)) continue;
    const current = namingRows.get(categoryId);
    if (current === undefined || row.label.id < current.label.id) namingRows.set(categoryId, row);
  }
  const ctx = driftContext(LABEL_FIELDS, sink);
  for (const [id, row] of namingRows) {
    categories.set(id, {
      id,
      name: readString(row.raw.ad_label_name, 'ad_label_name', ctx, false) ?? '',
      selection: readSelection(row.raw.ad_choose, ctx),
    });
  }
  return [...categories.values()].sort((a, b) => a.id - b.id);
}

function mapCategoryRecord(raw: object, ctx: DriftContext): LabelCategory | null {
  reportUnknownFields(raw, CATEGORY_FIELDS.known, ctx);
  const r = raw as RawRecord<WireLabelCategory>;
  const id = readInteger(r.ad_label_id, 'ad_label_id', ctx, false);
  if (id === null) return null;
  return {
    id,
    name: readString(r.ad_label_name, 'ad_label_name', ctx, false) ?? '',
    selection: readSelection(r.ad_choose, ctx),
  };
}

function mapLabelRecord(raw: object, ctx: DriftContext): Label | null {
  return mapLabelRow(raw, ctx)?.label ?? null;
}

function mapLabelRow(raw: object, ctx: DriftContext): LabelRow | null {
  reportUnknownFields(raw, LABEL_FIELDS.known, ctx);
  const r = raw as RawRecord<WireLabel>;
  const id = readInteger(r.ad_label_info_id, 'ad_label_info_id', ctx, false);
  if (id === null) return null;
  // A label outside any category cannot be placed in the tree nor filtered by category: unusable.
  const categoryId = readInteger(r.ad_label_id, 'ad_label_id', ctx, false);
  if (categoryId === null) return null;
  const label: Label = {
    id,
    name: readString(r.ad_label_info_name, 'ad_label_info_name', ctx, false) ?? '',
    categoryId,
    createdAt: readTime(r.ad_label_time, 'ad_label_time', ctx),
    merchantId: readString(r.merchant_id, 'merchant_id', ctx, true),
  };
  return { label, raw: r };
}

/** An unreadable ad_choose falls back to single choice, the vendor's default and the stricter reading. */
function readSelection(value: unknown, ctx: DriftContext): LabelSelection {
  const choose = readInteger(value, 'ad_choose', ctx, false);
  if (choose === 1) return 'multiple';
  if (choose !== 0 && choose !== null) report(ctx, 'ad_choose', 'unparseable', value);
  return 'single';
}
