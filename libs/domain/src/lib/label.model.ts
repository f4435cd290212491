/** 单选 (vendor ad_choose 0) or 多选 (1). */
export const LABEL_SELECTIONS = ['single', 'multiple'] as const;
export type LabelSelection = (typeof LABEL_SELECTIONS)[number];

/** 标签分类 — vendor `/Label`, or derived from `wecahtlabel` rows. */
export interface LabelCategory {
  id: number;
  name: string;
  selection: LabelSelection;
}

/** 标签配置 — one vendor `wecahtlabel` record. */
export interface Label {
  id: number;
  name: string;
  categoryId: number;
  createdAt: string | null;
  merchantId: string | null;
}

/** A label inside its category in the label tree, where the category id would only repeat the parent. */
export type LabelTreeLabel = Omit<Label, 'categoryId'>;

export type LabelTreeNode = LabelCategory & { labels: LabelTreeLabel[] };
