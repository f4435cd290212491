import type { WireStaff, WireStaffWechat } from '@youmi-facade/vendor-client/wire';
import type { RecordEndpoint } from './record-store';
import type { SimDataset } from './sim-dataset';

export interface StaffFilter {
  state: number;
  code?: string;
  name?: string;
}

const EMPTY = Buffer.from('[]');

/**
 * The JSON of each endpoint's `values`, built once per dataset and filter and kept as a Buffer: the
 * simulator is the "raw vendor" baseline of the benchmarks, so a hot call must cost no serialisation.
 * Records the control API adds may drift from the wire types, so the filters read fields defensively.
 */
export class EndpointValues {
  private readonly cache = new Map<RecordEndpoint, Map<string, Buffer>>();
  private staffWechatByCode?: Map<string, WireStaffWechat[]>;
  private staffCodes?: Set<string>;

  constructor(private readonly dataset: SimDataset) {}

  /** Forgets what was built from `endpoint`'s records, after they changed. */
  invalidate(endpoint: RecordEndpoint): void {
    this.cache.delete(endpoint);
    if (endpoint === 'staff') this.staffCodes = undefined;
    if (endpoint === 'staff/GetStaffWechat') this.staffWechatByCode = undefined;
  }

  private cached(endpoint: RecordEndpoint, variant: string, build: () => unknown): Buffer {
    let buffers = this.cache.get(endpoint);
    if (!buffers) {
      buffers = new Map();
      this.cache.set(endpoint, buffers);
    }
    let buffer = buffers.get(variant);
    if (!buffer) {
      buffer = Buffer.from(JSON.stringify(build()));
      buffers.set(variant, buffer);
    }
    return buffer;
  }

  /** The vendor's WeCaht answers one kind per call; the kinds it knows (0–3) are cached. */
  operatorAccounts(kind: number): Buffer {
    const build = () => this.dataset.operatorAccounts().filter((a) => Number(a.ad_wechat_lei) === kind);
    return kind >= 0 && kind <= 3
      ? this.cached('WeCaht', String(kind), build)
      : Buffer.from(JSON.stringify(build()));
  }

  staff(filter: StaffFilter): Buffer {
    if (filter.state === -1 && filter.code === undefined && filter.name === undefined)
      return this.cached('staff', '', () => this.dataset.staff());
    const name = filter.name?.toLowerCase();
    const matches = (s: WireStaff) =>
      (filter.state === -1 || Number(s.ad_staff_state) === filter.state) &&
      (filter.code === undefined || String(s.ad_staff_code) === filter.code) &&
      (name === undefined ||
        (typeof s.ad_staff_name === 'string' && s.ad_staff_name.toLowerCase().includes(name)));
    return Buffer.from(JSON.stringify(this.dataset.staff().filter(matches)));
  }

  labelCategories(): Buffer {
    return this.cached('Label', '', () => this.dataset.labelCategories());
  }

  /** -1 is every label; a category no label row names answers an empty list, as the vendor does. */
  labels(category: number): Buffer {
    if (category === -1) return this.cached('wecahtlabel', '', () => this.dataset.labels());
    const variant = String(category);
    const hit = this.cache.get('wecahtlabel')?.get(variant);
    if (hit) return hit;
    const rows = this.dataset.labels().filter((l) => Number(l.ad_label_id) === category);
    // Only categories that exist are cached, so probing arbitrary numbers cannot grow the cache.
    return rows.length === 0 ? EMPTY : this.cached('wecahtlabel', variant, () => rows);
  }

  adGroups(): Buffer {
    return this.cached('AdManage', '', () => this.dataset.adGroups());
  }

  customAttributes(): Buffer {
    return this.cached('friend/GetCustomAttributeList', '', () => this.dataset.customAttributes());
  }

  isStaffCode(code: string): boolean {
    this.staffCodes ??= new Set(this.dataset.staff().map((s) => String(s.ad_staff_code)));
    return this.staffCodes.has(code);
  }

  /** Every assignment without a code; one staff member's (maybe none) with a code that exists. */
  staffWechat(code?: string): Buffer {
    if (code === undefined) return this.cached('staff/GetStaffWechat', '', () => this.dataset.staffWechat());
    if (!this.staffWechatByCode) {
      this.staffWechatByCode = new Map();
      for (const row of this.dataset.staffWechat()) {
        const rowCode = String(row.ad_staff_code);
        const rows = this.staffWechatByCode.get(rowCode);
        if (rows) rows.push(row);
        else this.staffWechatByCode.set(rowCode, [row]);
      }
    }
    const rows = this.staffWechatByCode.get(code);
    return rows ? this.cached('staff/GetStaffWechat', code, () => rows) : EMPTY;
  }
}
