import type {
  WireAdGroup,
  WireCustomAttribute,
  WireCustomAttributeOption,
  WireLabel,
  WireLabelCategory,
  WireOperatorAccount,
  WireStaff,
  WireStaffWechat,
} from '@youmi-facade/vendor-client/wire';
import { Prng, rngFor } from './prng';
import { memo, type SimDataset } from './sim-dataset';
import {
  AD_GROUP_SUFFIXES,
  BRANDS,
  CUSTOM_ATTRIBUTE_TEMPLATES,
  GIVEN_NAMES,
  LABEL_CATEGORY_NAMES,
  LABEL_NAMES,
  LONG_LABEL_NAME,
  NICKNAMES,
  PINYIN_GIVEN,
  PINYIN_SURNAMES,
  REGION_CODES,
  SURNAMES,
  UNKNOWN_REGION_CODES,
} from './synthetic-vocabulary';
import { formatVendorTime } from './vendor-time';

export const DEFAULT_SYNTHETIC_SEED = 20180511;

/** Table numbers mixed into the seed, so each table has its own independent stream. */
const TABLE = {
  account: 1,
  staff: 2,
  category: 3,
  label: 4,
  adGroup: 5,
  customAttribute: 6,
  staffWechat: 7,
} as const;

export const SCALE_ONE_SIZES = {
  operatorAccounts: 10_000,
  staff: 2_000,
  labels: 5_000,
  labelCategories: 200,
  adGroups: 500,
  customAttributes: 40,
} as const;

export type SyntheticSizes = { -readonly [K in keyof typeof SCALE_ONE_SIZES]: number };

/** Record counts for a scale; the minimums keep every quirk present even at tiny scales. */
export function syntheticSizes(scale: number): SyntheticSizes {
  const at = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  return {
    operatorAccounts: at(SCALE_ONE_SIZES.operatorAccounts, 1),
    staff: at(SCALE_ONE_SIZES.staff, 1),
    labels: at(SCALE_ONE_SIZES.labels, 1),
    labelCategories: at(SCALE_ONE_SIZES.labelCategories, 3),
    adGroups: at(SCALE_ONE_SIZES.adGroups, 1),
    customAttributes: at(SCALE_ONE_SIZES.customAttributes, 4),
  };
}

const MERCHANT_ID = '640462692';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const FROM_MS = Date.UTC(2017, 2, 1);
const TO_MS = Date.UTC(2024, 5, 30);

function randomMs(r: Prng): number {
  return FROM_MS + Math.floor(r.next() * (TO_MS - FROM_MS));
}

/** A +08:00 time with 0–7 fractional digits, as the vendor's various tables store them. */
function randomTime(r: Prng, epochMs = randomMs(r)): string {
  return formatVendorTime(epochMs, r.int(0, 7), r.digits(4));
}

function chineseName(r: Prng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN_NAMES);
}

export function staffCode(index: number): string {
  return `b${String(index + 1).padStart(2, '0')}`;
}

/** 运营号配置 record `index`; a pure function of (index, seed, staffCount). */
export function operatorAccountAt(
  index: number,
  seed = DEFAULT_SYNTHETIC_SEED,
  staffCount = 2_000,
): WireOperatorAccount {
  const r = rngFor(seed, TABLE.account, index);
  const kindRoll = r.next();
  const kind = kindRoll < 0.7 ? 0 : kindRoll < 0.97 ? 3 : kindRoll < 0.985 ? 1 : 2;
  const addedMs = randomMs(r);

  let originalId: string | null;
  let wechatId: string;
  if (kind === 0) {
    originalId = `wxid_${r.chars(LOWER_ALNUM, 12)}${r.digits(2)}`;
    const style = r.next();
    wechatId =
      style < 0.65
        ? r.chars(LOWER, r.int(3, 6)) + r.digits(r.int(3, 5))
        : style < 0.9
          ? originalId
          : `${r.pick(PINYIN_SURNAMES).toLowerCase()}_${r.digits(4)}`;
  } else if (kind === 3) {
    originalId = `1688${r.digits(12)}`;
    wechatId = r.pick(PINYIN_SURNAMES) + r.pick(PINYIN_GIVEN) + (r.chance(0.3) ? r.digits(2) : '');
  } else {
    originalId = `gh_${r.chars(HEX, 12)}`;
    wechatId = `youmi_${r.chars(LOWER, 6)}`;
  }
  if (r.chance(0.01)) originalId = null;
  if (r.chance(0.002)) wechatId = '微信号';

  let qrcode: string | null;
  const qrRoll = r.next();
  if (qrRoll < 0.05) qrcode = null;
  else if (qrRoll < 0.07) qrcode = r.pick(['二维码', '', '暂无', `/upload/qrcode/${r.digits(10)}.png`]);
  else if (kind === 3)
    qrcode = `https://wework.qpic.cn/wwpic/${r.digits(6)}_${r.chars(LOWER_ALNUM, 16)}_${Math.floor(addedMs / 1000)}/0`;
  else if (kind !== 0) qrcode = `http://mmbiz.qpic.cn/mmbiz_jpg/${r.chars(LOWER_ALNUM, 20)}/0`;
  else {
    const owner = originalId ?? `wxid_${r.chars(LOWER_ALNUM, 14)}`;
    qrcode = r.chance(0.5)
      ? `http://7nimg.agsoft.net/${owner}mmqrcode${addedMs}.png`
      : `http://img-1259062805.cos.ap-chengdu.myqcloud.com/${MERCHANT_ID}/other/${owner}mmqrcode${addedMs}.png`;
  }

  const addRoll = r.next();
  const addtime = addRoll < 0.005 ? '添加时间' : addRoll < 0.015 ? null : randomTime(r, addedMs);
  const friends = Math.floor(r.next() ** 2 * 5000);
  const staffRef = () => (r.chance(0.3) ? staffCode(r.int(0, Math.max(0, staffCount - 1))) : null);

  // Field order follows the seed record.
  return {
    ad_wechat_id: 10_000 + index * 4 + r.int(0, 3),
    ad_wechat_nober: wechatId,
    ad_wechat_nick: r.chance(0.002) ? '昵称' : `P${String(index + 1).padStart(2, '0')}`,
    ad_wechat_qrcode: qrcode,
    ad_wechat_addtime: addtime,
    ad_original_nober: originalId,
    ad_wechat_usercode: r.chance(0.05) ? '' : null,
    ad_wechat_viewnum: 0,
    ad_wechat_vnumday: 0,
    ad_wechat_vnumlday: 0,
    ad_wechat_rfriend: r.int(0, 20),
    ad_wechat_friend: r.chance(0.01) ? String(friends) : friends,
    ad_wechat_group: r.int(0, 120),
    ad_wechat_weight: 0,
    ad_wechat_friends: r.chance(0.8),
    ad_wechat_chat: r.chance(0.7),
    ad_state: r.chance(0.05) ? '0' : null,
    ad_wechat_nickname: r.chance(0.02)
      ? null
      : r.pick(NICKNAMES) + (r.chance(0.3) ? String(r.int(1, 99)) : ''),
    ad_wechat_initiative: false,
    ad_wechat_passive: false,
    ad_wechat_y3: r.chance(0.5),
    ad_receive_code: staffRef(),
    ad_key_code: staffRef(),
    ad_chatroom_code: staffRef(),
    ad_wechat_push: r.chance(0.75),
    ad_wechat_new: Math.floor(friends * r.next()),
    is_receiveaddfriendtask: r.chance(0.6) ? 1 : 0,
    ad_wechat_lei: kind,
    ad_wechat_record: r.chance(0.4),
    imei: r.chance(0.6) ? `86${r.digits(13)}` : null,
  };
}

/** `count` operator accounts of every kind (0 about 70%, 3 about 27%, a few 1 and 2), ids ascending. */
export function generateOperatorAccounts(
  count: number,
  seed = DEFAULT_SYNTHETIC_SEED,
  staffCount = Math.max(1, Math.round(count / 5)),
): WireOperatorAccount[] {
  const accounts = new Array<WireOperatorAccount>(count);
  for (let i = 0; i < count; i++) accounts[i] = operatorAccountAt(i, seed, staffCount);
  return accounts;
}

/** `count` staff members b01, b02, …; ad_staff_state is sometimes a number, sometimes a numeric string. */
export function generateStaff(count: number, seed = DEFAULT_SYNTHETIC_SEED): WireStaff[] {
  const staff = new Array<WireStaff>(count);
  for (let i = 0; i < count; i++) {
    const r = rngFor(seed, TABLE.staff, i);
    const code = staffCode(i);
    const state = r.chance(0.85) ? 0 : 1;
    const selfRoll = r.next();
    staff[i] = {
      ad_staff_code: code,
      ad_staff_name: r.chance(0.03) ? code : chineseName(r),
      ad_staff_state: r.chance(0.5) ? state : String(state),
      ad_self_user:
        selfRoll < 0.3
          ? null
          : selfRoll < 0.6
            ? ''
            : r.chance(0.5)
              ? staffCode(r.int(0, count + 10))
              : `${r.pick(PINYIN_SURNAMES).toLowerCase()}${r.digits(3)}`,
    };
  }
  return staff;
}

export interface LabelTaxonomy {
  /** What `/Label` answers: some categories are left out and appear only in label rows. */
  categories: WireLabelCategory[];
  /** What `wecahtlabel` answers, newest first like the seed. */
  labels: WireLabel[];
}

/** Labels spread over categories; about 8% of categories only label rows mention, about 5% are empty. */
export function generateLabelTaxonomy(
  labelCount: number,
  categoryCount: number,
  seed = DEFAULT_SYNTHETIC_SEED,
): LabelTaxonomy {
  interface Category {
    row: WireLabelCategory;
    listed: boolean;
    empty: boolean;
  }
  const all: Category[] = [];
  for (let j = 0; j < categoryCount; j++) {
    const r = rngFor(seed, TABLE.category, j);
    const base = LABEL_CATEGORY_NAMES[j % LABEL_CATEGORY_NAMES.length];
    const round = Math.floor(j / LABEL_CATEGORY_NAMES.length);
    const prefix = r.chance(0.2) ? `${String.fromCharCode(65 + (j % 26))}.` : '';
    const listed = j !== 1 && !r.chance(0.08);
    all.push({
      row: {
        ad_label_id: 1 + j * 3 + r.int(0, 2),
        ad_label_name: `${prefix}${base}${round > 0 ? round + 1 : ''}`,
        ad_choose: r.chance(0.3) ? 1 : 0,
      },
      listed,
      // Only a listed category can be empty: an unlisted one exists only through its labels.
      empty: listed && (j === 0 || r.chance(0.05)) && categoryCount > 2,
    });
  }
  const holders = all.filter((category) => !category.empty);
  const labels = new Array<WireLabel>(labelCount);
  for (let i = 0; i < labelCount; i++) {
    const r = rngFor(seed, TABLE.label, i);
    // The first labels go round-robin so every non-empty category gets at least one.
    const category = i < holders.length ? holders[i] : r.pick(holders);
    const id = category.row.ad_label_id as number;
    const nameRoll = r.next();
    labels[i] = {
      ad_label_info_id: 1_000 + i * 2 + r.int(0, 1),
      ad_label_info_name:
        nameRoll < 0.003
          ? LONG_LABEL_NAME
          : r.pick(LABEL_NAMES) + (nameRoll < 0.5 ? '' : String(r.int(1, 999))),
      ad_label_id: r.chance(0.2) ? String(id) : id,
      ad_label_time: r.chance(0.01) ? null : randomTime(r),
      merchant_id: r.chance(0.6) ? null : MERCHANT_ID,
      ad_label_name: category.row.ad_label_name,
      ad_choose: category.row.ad_choose,
    };
  }
  labels.reverse();
  return { categories: all.filter((category) => category.listed).map((category) => category.row), labels };
}

/** Ad groups whose welist, wechats and ad_wechat_nick all name the same real accounts. */
export function generateAdGroups(
  count: number,
  accounts: readonly WireOperatorAccount[],
  seed = DEFAULT_SYNTHETIC_SEED,
): WireAdGroup[] {
  const groups = new Array<WireAdGroup>(count);
  for (let g = 0; g < count; g++) {
    const r = rngFor(seed, TABLE.adGroup, g);
    const members: WireOperatorAccount[] = [];
    const wanted = accounts.length === 0 || r.chance(0.1) ? 0 : r.int(1, Math.min(6, accounts.length));
    const seen = new Set<number>();
    while (members.length < wanted) {
      const index = r.int(0, accounts.length - 1);
      if (seen.has(index)) continue;
      seen.add(index);
      members.push(accounts[index]);
    }
    const welistRoll = r.next();
    const welist =
      welistRoll < 0.03
        ? null
        : welistRoll < 0.04
          ? members.map((a) => a.ad_wechat_id).join(',')
          : `[${members.map((a) => `"${a.ad_wechat_id}"`).join(', ')}]`;
    const wechats =
      members.length === 0
        ? r.chance(0.3)
          ? '[]'
          : null
        : `[${members.map((a) => `{"ad_wechat_nober" : ${JSON.stringify(a.ad_wechat_nober)}, "ad_wechat_qrcode" : ${JSON.stringify(a.ad_wechat_qrcode)}}`).join(', ')}]`;
    const regionRoll = r.next();
    groups[g] = {
      ad_brand_id: 100 + g * 2 + r.int(0, 1),
      ad_brand_name: r.chance(0.03) ? String(r.int(1, 99)) : r.pick(BRANDS) + r.pick(AD_GROUP_SUFFIXES),
      ad_brand_code: r.chance(0.5) ? String(g + 1).padStart(3, '0') : String(r.int(1, 99)),
      ad_brand_welist: welist,
      merchantid: r.chance(0.9) ? MERCHANT_ID : null,
      ad_wechat_nick:
        members.length === 0
          ? null
          : members.map((a) => `${a.ad_wechat_nick}(${a.ad_wechat_nober})`).join(','),
      wechats,
      ad_brand_region_code:
        regionRoll < 0.1 ? null : regionRoll < 0.15 ? r.pick(UNKNOWN_REGION_CODES) : r.pick(REGION_CODES),
    };
  }
  return groups;
}

function optionJson(options: readonly WireCustomAttributeOption[]): string {
  // The vendor's spacing: `[{"key": "足球", "value": "1"}, …]`.
  return `[${options.map((o) => `{"key": ${JSON.stringify(o.key)}, "value": ${JSON.stringify(o.value)}}`).join(', ')}]`;
}

/** Custom attributes, newest (highest id) first like the seed, ids as strings. */
export function generateCustomAttributes(
  count: number,
  seed = DEFAULT_SYNTHETIC_SEED,
): WireCustomAttribute[] {
  const attributes = new Array<WireCustomAttribute>(count);
  for (let k = 0; k < count; k++) {
    const r = rngFor(seed, TABLE.customAttribute, k);
    const template = CUSTOM_ATTRIBUTE_TEMPLATES[k % CUSTOM_ATTRIBUTE_TEMPLATES.length];
    const round = Math.floor(k / CUSTOM_ATTRIBUTE_TEMPLATES.length);
    const options = (template.options ?? []).map((key, i) => ({ key, value: String(i + 1) }));
    const addedMs = randomMs(r);
    const local = formatVendorTime(addedMs, 0);
    const sort = r.chance(0.7) ? 1 : r.int(1, 10);
    attributes[k] = {
      id: String(k + 1),
      sort: r.chance(0.05) ? String(sort) : sort,
      merchantId: r.chance(0.7) ? null : MERCHANT_ID,
      customName: template.name + (round > 0 ? round + 1 : ''),
      customType: r.chance(0.05) ? String(template.type) : template.type,
      customLength: r.chance(0.03) ? null : template.type === 1 ? r.pick([20, 50, 100, 200]) : 0,
      customIsred: r.chance(0.1) ? (r.chance(0.5) ? 1 : 0) : r.chance(0.2),
      customAddtime: formatVendorTime(addedMs, r.chance(0.8) ? 6 : r.int(0, 7), r.digits(4)),
      customAddtimeStr: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
      // Select attributes sometimes come without the parsed list; customVal is then the only source.
      customValJsonStr: options.length > 0 && r.chance(0.1) ? null : options,
      customDateformat:
        template.type === 2 && r.chance(0.2) ? r.pick(['YYYY/MM/DD', 'YYYY-MM-DD HH:mm']) : 'YYYY-MM-DD',
      customVal: optionJson(options),
    };
  }
  return attributes.reverse();
}

/** About 80% of personal and WeCom accounts are managed by a staff member; a few by two. */
export function generateStaffWechat(
  staff: readonly WireStaff[],
  accounts: readonly WireOperatorAccount[],
  seed = DEFAULT_SYNTHETIC_SEED,
): WireStaffWechat[] {
  if (staff.length === 0) return [];
  const byStaff: WireStaffWechat[][] = staff.map(() => []);
  for (let i = 0; i < accounts.length; i++) {
    const account = accounts[i];
    if (account.ad_wechat_lei !== 0 && account.ad_wechat_lei !== 3) continue;
    const r = rngFor(seed, TABLE.staffWechat, i);
    if (!r.chance(0.8)) continue;
    const owners = new Set([r.int(0, staff.length - 1)]);
    if (r.chance(0.05)) owners.add(r.int(0, staff.length - 1));
    for (const owner of owners) {
      byStaff[owner].push({
        ad_staff_code: staff[owner].ad_staff_code,
        ad_wechat_id: account.ad_wechat_id,
        ad_wechat_nober: account.ad_wechat_nober,
        ad_wechat_nick: account.ad_wechat_nick,
        ad_wechat_nickname: account.ad_wechat_nickname,
        ad_wechat_qrcode: account.ad_wechat_qrcode,
        ad_original_nober: account.ad_original_nober,
      });
    }
  }
  return byStaff.flat();
}

export interface SyntheticOptions {
  scale?: number;
  seed?: number;
}

/** The whole synthetic dataset; each table is generated on first use and kept. */
export function createSyntheticDataset(options: SyntheticOptions = {}): SimDataset {
  const sizes = syntheticSizes(options.scale ?? 1);
  const seed = options.seed ?? DEFAULT_SYNTHETIC_SEED;
  const accounts = memo(() => generateOperatorAccounts(sizes.operatorAccounts, seed, sizes.staff));
  const staff = memo(() => generateStaff(sizes.staff, seed));
  const taxonomy = memo(() => generateLabelTaxonomy(sizes.labels, sizes.labelCategories, seed));
  return {
    name: 'synthetic',
    operatorAccounts: accounts,
    staff,
    staffWechat: memo(() => generateStaffWechat(staff(), accounts(), seed)),
    labelCategories: () => taxonomy().categories,
    labels: () => taxonomy().labels,
    adGroups: memo(() => generateAdGroups(sizes.adGroups, accounts(), seed)),
    customAttributes: memo(() => generateCustomAttributes(sizes.customAttributes, seed)),
  };
}
