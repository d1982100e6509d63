/**
 * Administrative divisions of 白银市 (DOMAIN §5). Codes are NBS 统计用区划代码 (data as of
 * 2023-06-30): county 6 digits, township 9 digits, village 12 digits. Township rows for all five
 * counties come from modood/Administrative-divisions-of-China `dist/streets.csv` (commit 0b7fd75);
 * the 会宁 and 靖远 rows match DOMAIN §5.3/§5.4 exactly.
 * Villages are not listed here: their codes were not retrieved (DOMAIN §8); they come from imports.
 */

export type RegionLevel = 'city' | 'county' | 'township' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  aliases: readonly string[];
}

export const CITY: Region = { code: '620400', name: '白银市', level: 'city', parent: '620000', aliases: [] };

function county(code: string, name: string): Region {
  return { code, name, level: 'county', parent: CITY.code, aliases: [] };
}

export const COUNTIES: readonly Region[] = [
  county('620402', '白银区'),
  county('620403', '平川区'),
  county('620421', '靖远县'),
  county('620422', '会宁县'),
  county('620423', '景泰县'),
];

/** [3-digit township code, NBS name, aliases seen in township sheets and older boundary data]. */
type TownshipRow = readonly [string, string, (readonly string[])?];

const TOWNSHIP_ROWS: Readonly<Record<string, readonly TownshipRow[]>> = {
  '620402': [
    ['001', '人民路街道'], ['002', '公园路街道'], ['003', '四龙路街道'], ['004', '工农路街道'],
    ['005', '纺织路街道'], ['100', '水川镇'], ['101', '四龙镇'], ['102', '王岘镇'],
    ['201', '强湾乡'], ['202', '武川乡'],
  ],
  '620403': [
    ['001', '长征街道'], ['002', '电力路街道'], ['003', '红会路街道'], ['004', '兴平路街道'],
    ['100', '王家山镇'], ['101', '水泉镇'], ['102', '共和镇'], ['105', '宝积镇'], ['106', '黄峤镇'],
    ['203', '种田乡'], ['204', '复兴乡'],
  ],
  '620421': [
    ['101', '北湾镇'], ['102', '东湾镇'], ['103', '乌兰镇'], ['104', '刘川镇'], ['105', '北滩镇'],
    ['106', '五合镇'], ['107', '大芦镇'], ['108', '糜滩镇'], ['109', '高湾镇'], ['110', '平堡镇'],
    ['111', '东升镇'], ['112', '双龙镇'], ['113', '三滩镇'], ['206', '兴隆乡'], ['208', '石门乡'],
    ['211', '靖安乡'], ['215', '永新乡'], ['216', '若笠乡'],
  ],
  '620422': [
    ['100', '会师镇'], ['101', '郭城驿镇'], ['102', '河畔镇'], ['103', '头寨子镇', ['头寨']],
    ['104', '太平店镇'], ['105', '甘沟驿镇'], ['106', '侯家川镇', ['侯家川乡']], ['107', '柴家门镇'],
    ['108', '汉家岔镇', ['汉家岔乡', '汉岔']], ['109', '刘家寨子镇'], ['110', '白草塬镇', ['白塬']],
    ['111', '大沟镇'], ['112', '四房吴镇'], ['113', '中川镇'], ['114', '老君坡镇'], ['115', '平头川镇'],
    ['116', '丁家沟镇'], ['117', '杨崖集镇'], ['118', '翟家所镇'], ['119', '韩家集镇'],
    ['120', '土门岘镇'], ['121', '新塬镇'], ['122', '草滩镇', ['草滩乡']],
    // The county portal writes 新庄塬镇 where NBS writes 新庄镇; it was 新庄乡 before.
    ['123', '新庄镇', ['新庄塬镇', '新庄乡']],
    ['202', '新添堡回族乡', ['新添堡乡']], ['204', '党家岘乡'], ['213', '八里湾乡'], ['225', '土高山乡'],
  ],
  '620423': [
    ['100', '一条山镇'], ['101', '芦阳镇'], ['102', '上沙沃镇'], ['103', '喜泉镇'], ['104', '草窝滩镇'],
    ['105', '红水镇'], ['106', '中泉镇'], ['107', '正路镇'], ['203', '寺滩乡'], ['205', '五佛乡'],
    ['207', '漫水滩乡'],
  ],
};

export const TOWNSHIPS: readonly Region[] = COUNTIES.flatMap((c) =>
  (TOWNSHIP_ROWS[c.code] ?? []).map(([suffix, name, aliases]) => ({
    code: c.code + suffix,
    name,
    level: 'township' as const,
    parent: c.code,
    aliases: aliases ?? [],
  })),
);

export const REGIONS: readonly Region[] = [CITY, ...COUNTIES, ...TOWNSHIPS];

const BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): Region | undefined {
  // A township's own 12-digit code is its 9-digit code plus "000" (DOMAIN §5.1).
  const key = /^\d{9}000$/.test(code) ? code.slice(0, 9) : code;
  return BY_CODE.get(key);
}

export function childrenOf(code: string): Region[] {
  return REGIONS.filter((r) => r.parent === code);
}

/** County code of a county, township or village code; null for the city or anything else. */
export function countyOf(code: string): string | null {
  if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(code)) return null;
  const c = code.slice(0, 6);
  return COUNTIES.some((r) => r.code === c) || code.length > 6 ? c : null;
}

// Longest first, so 新添堡回族乡 loses 回族乡 rather than only 乡.
const SUFFIXES = ['街道办事处', '回族乡', '街道', '镇', '乡', '县', '区'] as const;

/** Half-width, without any spaces (ideographic and no-break spaces included). */
function compact(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B]/g, '');
}

/** Key for tolerant matching: half-width, no spaces, without the administrative suffix. */
export function normalizeRegionName(name: string): string {
  const s = compact(name);
  for (const suffix of SUFFIXES) {
    // Keep a bare suffix ("镇") as it is rather than reducing it to an empty key.
    if (s.length > suffix.length && s.endsWith(suffix)) return s.slice(0, -suffix.length);
  }
  return s;
}

function keysOf(r: Region): string[] {
  return [r.name, ...r.aliases].map(normalizeRegionName);
}

export function findCounty(name: string): Region | undefined {
  const raw = name.trim();
  if (/^\d{6}$/.test(raw)) return COUNTIES.find((c) => c.code === raw);
  const key = normalizeRegionName(raw);
  if (key === '') return undefined;
  return COUNTIES.find((c) => keysOf(c).includes(key));
}

function matchTownships(list: readonly Region[], key: string, countyCode?: string): Region[] {
  return list.filter((t) => (countyCode === undefined || t.parent === countyCode) && keysOf(t).includes(key));
}

/** "会宁县会师镇" → ["620422", "会师镇"], for sheets that write the county in the same cell. */
function splitCountyPrefix(name: string): [string, string] | null {
  for (const c of COUNTIES) {
    for (const prefix of [c.name, normalizeRegionName(c.name)]) {
      if (name.startsWith(prefix) && name.length > prefix.length) return [c.code, name.slice(prefix.length)];
    }
  }
  return null;
}

/**
 * Township by name in `list`, suffix and alias tolerant. A name that several counties share
 * resolves only when countyCode says which county is meant; otherwise the answer is undefined,
 * never a guess. Exported with the list as a parameter so user-added units can be searched too.
 */
export function findTownshipIn(list: readonly Region[], name: string, countyCode?: string): Region | undefined {
  const cleaned = compact(name);
  const key = normalizeRegionName(cleaned);
  if (key === '') return undefined;
  const found = matchTownships(list, key, countyCode);
  if (found.length === 1) return found[0];
  if (found.length > 1) return undefined;
  const split = splitCountyPrefix(cleaned);
  if (split === null || (countyCode !== undefined && countyCode !== split[0])) return undefined;
  const inCounty = matchTownships(list, normalizeRegionName(split[1]), split[0]);
  return inCounty.length === 1 ? inCounty[0] : undefined;
}

export function findTownship(name: string, countyCode?: string): Region | undefined {
  return findTownshipIn(TOWNSHIPS, name, countyCode);
}
