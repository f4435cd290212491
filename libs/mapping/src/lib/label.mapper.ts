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

/** A label together with the row it came from, whose category fields may name its category. */
interface LabelRow {
  label: Label;
  raw: RawRecord<WireLabel>;
}

/** A `wecahtlabel` answer, mapped once: its labels and the categories its rows name. */
export interface LabelAnswer {
  /** The usable labels, in the vendor's order. */
  labels: Label[];
  /**
   * Each category the rows mention, by id ascending, named from its row with the lowest label id (the
   * first of equal ids) so that the name does not depend on the vendor's row order.
   */
  mentionedCategories: LabelCategory[];
}

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
 * A `wecahtlabel` answer's labels and the categories its rows name. Drift of a row's category fields
 * is recorded only for the row that names its category: the other rows' copies are never read.
 */
export function mapLabelAnswer(values: unknown, sink: DriftSink): LabelAnswer {
  const rows = mapRecords(values, driftContext(LABEL_FIELDS, sink), mapLabelRow);
  const namingRows = new Map<number, LabelRow>();
  for (const row of rows) {
    const current = namingRows.get(row.label.categoryId);
    if (current === undefined || row.label.id < current.label.id) namingRows.set(row.label.categoryId, row);
  }
  const ctx = driftContext(LABEL_FIELDS, sink);
  const mentionedCategories = [...namingRows]
    .sort(([a], [b]) => a - b)
    .map(([id, { raw }]) => ({
      id,
      name: readString(raw.ad_label_name, 'ad_label_name', ctx, false) ?? '',
      selection: readSelection(raw.ad_choose, ctx),
    }));
  return { labels: rows.map((row) => row.label), mentionedCategories };
}

/**
 * Every category, by id ascending: those of `/Label` (the first of a repeated id wins) plus those that
 * only `wecahtlabel` rows mention.
 */
export function assembleLabelCategories(
  categories: readonly LabelCategory[],
  labels: LabelAnswer,
): LabelCategory[] {
  const byId = new Map<number, LabelCategory>();
  for (const category of categories) if (!byId.has(category.id)) byId.set(category.id, category);
  for (const category of labels.mentionedCategories)
    if (!byId.has(category.id)) byId.set(category.id, category);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Categories by id ascending, each with its labels by id ascending; empty categories included. */
export function assembleLabelTree(
  categories: readonly LabelCategory[],
  labels: LabelAnswer,
): LabelTreeNode[] {
  const nodes = assembleLabelCategories(categories, labels).map((category): LabelTreeNode => ({
    ...category,
    labels: [],
  }));
  const byId = new Map<number, LabelTreeNode>();
  for (const node of nodes) byId.set(node.id, node);
  for (const label of [...labels.labels].sort((a, b) => a.id - b.id)) {
    byId.get(label.categoryId)?.labels.push({
      id: label.id,
      name: label.name,
      createdAt: label.createdAt,
      merchantId: label.merchantId,
    });
  }
  return nodes;
}

/** Every category of a `/Label` and a `wecahtlabel` answer, as `assembleLabelCategories` orders them. */
export function buildLabelCategories(
  categoryValues: unknown,
  labelValues: unknown,
  sink: DriftSink,
): LabelCategory[] {
  return assembleLabelCategories(mapLabelCategories(categoryValues, sink), mapLabelAnswer(labelValues, sink));
}

/** The label tree of a `/Label` and a `wecahtlabel` answer, as `assembleLabelTree` builds it. */
export function buildLabelTree(
  categoryValues: unknown,
  labelValues: unknown,
  sink: DriftSink,
): LabelTreeNode[] {
  return assembleLabelTree(mapLabelCategories(categoryValues, sink), mapLabelAnswer(labelValues, sink));
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
