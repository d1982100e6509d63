/**
 * The ledger lists' filters as text: the query string of a drill-down link (增收分析 → 台账), the
 * CLI's `export list --filter '…'`, and the 筛选条件 line written above an exported list. One
 * parser and one description, so a link, a command and a file name the same rows.
 */
import { z } from 'zod';
import { HouseholdListArgs, MemberListArgs } from '../api/ledger.ts';

/** Text key → filter field, households. Booleans are 1/0 (also 是/否, yes/no, true/false). */
export const HOUSEHOLD_KEYS = {
  county: 'county', township: 'township', village: 'village', year: 'year', type: 'householdType', category: 'monitoringCategory',
  relocated: 'relocated', below: 'below', decreased: 'decreased', min: 'minPerCapita', max: 'maxPerCapita', under: 'perCapitaBelow',
  q: 'q', sort: 'sort', dir: 'dir',
} as const;

export const MEMBER_KEYS = {
  county: 'county', township: 'township', village: 'village', sex: 'sex', labour: 'labour', place: 'workPlaceClass',
  post: 'welfarePost', minAge: 'minAge', maxAge: 'maxAge', q: 'q', sort: 'sort', dir: 'dir',
} as const;

const BOOLS = new Set(['relocated', 'below', 'decreased', 'welfarePost']);
const NUMBERS = new Set(['year', 'minPerCapita', 'maxPerCapita', 'perCapitaBelow', 'minAge', 'maxAge']);

function value(field: string, raw: string): unknown {
  const t = raw.trim();
  if (BOOLS.has(field)) {
    if (/^(1|是|yes|true)$/i.test(t)) return true;
    if (/^(0|否|no|false)$/i.test(t)) return false;
    throw new Error(`筛选条件 ${field} 应为 1 或 0，收到：${raw}`);
  }
  if (NUMBERS.has(field)) {
    // Plain digits only: "1.2万" or "8千" is refused, never read as 1.2 or 8.
    if (!/^\d+(\.\d{1,2})?$/.test(t)) throw new Error(`筛选条件 ${field} 应为数字，收到：${raw}`);
    return Number(t);
  }
  return t;
}

function parse<K extends Record<string, string>>(pairs: Iterable<[string, string]>, keys: K): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) {
    const field = (keys as Record<string, string>)[k];
    if (!field) throw new Error(`未知的筛选条件：${k}（可用：${Object.keys(keys).join('、')}）`);
    if (field in out) throw new Error(`筛选条件 ${k} 出现了两次`);
    if (v.trim() !== '') out[field] = value(field, v);
  }
  return out;
}

function zodMessage(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '筛选条件'}：${i.message}`).join('；');
}

export type HouseholdListFilter = Omit<z.infer<typeof HouseholdListArgs>, 'offset' | 'limit' | 'withTotal'>;
export type MemberListFilter = Omit<z.infer<typeof MemberListArgs>, 'offset' | 'limit' | 'withTotal' | 'after'>;

/** "county=620422&below=1&sort=perCapita" (or its pairs) → a checked household filter; throws with a Chinese message. */
export function parseHouseholdFilter(text: string | Iterable<[string, string]>): HouseholdListFilter {
  const pairs = typeof text === 'string' ? new URLSearchParams(text).entries() : text;
  const r = HouseholdListArgs.safeParse(parse(pairs, HOUSEHOLD_KEYS));
  if (!r.success) throw new Error(zodMessage(r.error));
  const { offset: _o, limit: _l, withTotal: _w, ...f } = r.data;
  return f;
}

export function parseMemberFilter(text: string | Iterable<[string, string]>): MemberListFilter {
  const pairs = typeof text === 'string' ? new URLSearchParams(text).entries() : text;
  const r = MemberListArgs.safeParse(parse(pairs, MEMBER_KEYS));
  if (!r.success) throw new Error(zodMessage(r.error));
  const { offset: _o, limit: _l, withTotal: _w, after: _a, ...f } = r.data;
  return f;
}

/** The query string of a household filter (a drill-down link); defaults are left out. */
export function householdFilterQuery(f: Partial<HouseholdListFilter>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, field] of Object.entries(HOUSEHOLD_KEYS)) {
    const v = (f as Record<string, unknown>)[field];
    if (v === undefined || v === null || v === '') continue;
    if ((field === 'sort' && v === 'code') || (field === 'dir' && v === 'asc')) continue;
    out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

const yuan = (n: number): string => `${n.toLocaleString('en-US')}元`;
const SORTS: Record<string, string> = { code: '户编号', headName: '户主姓名', size: '家庭人口', perCapita: '人均纯收入', change: '比上年增减', household: '户编号', name: '姓名', age: '年龄' };

/** 筛选条件 in words; `region` names a region code. */
export function describeHouseholdFilter(f: HouseholdListFilter, region: (code: string) => string, line: number): string {
  const parts: string[] = [];
  const r = f.village ?? f.township ?? f.county;
  parts.push(`范围：${r ? region(r) : '全部'}`);
  if (f.year) parts.push(`收入年度：${f.year}`);
  if (f.householdType) parts.push(`户类型：${f.householdType}`);
  if (f.monitoringCategory) parts.push(`监测对象类别：${f.monitoringCategory}`);
  if (f.relocated !== undefined) parts.push(f.relocated ? '易地搬迁户' : '非易地搬迁户');
  if (f.below !== undefined) parts.push(f.below ? `人均纯收入低于${yuan(line)}` : `人均纯收入不低于${yuan(line)}`);
  if (f.decreased !== undefined) parts.push(f.decreased ? '收入比上年下降' : '收入未下降');
  if (f.minPerCapita !== undefined) parts.push(`人均纯收入不低于${yuan(f.minPerCapita)}`);
  if (f.maxPerCapita !== undefined) parts.push(`人均纯收入不高于${yuan(f.maxPerCapita)}`);
  if (f.perCapitaBelow !== undefined) parts.push(`人均纯收入低于${yuan(f.perCapitaBelow)}`);
  if (f.q) parts.push(`查找：${f.q}`);
  parts.push(`排序：${SORTS[f.sort] ?? f.sort}${f.dir === 'desc' ? '（从大到小）' : '（从小到大）'}`);
  return `筛选条件：${parts.join('；')}`;
}

export function describeMemberFilter(f: MemberListFilter, region: (code: string) => string): string {
  const parts: string[] = [];
  const r = f.village ?? f.township ?? f.county;
  parts.push(`范围：${r ? region(r) : '全部'}`);
  if (f.sex) parts.push(`性别：${f.sex}`);
  if (f.labour) parts.push(`劳动技能：${f.labour}`);
  if (f.workPlaceClass) parts.push(`务工地域：${f.workPlaceClass}`);
  if (f.welfarePost !== undefined) parts.push(f.welfarePost ? '公益性岗位' : '非公益性岗位');
  if (f.minAge !== undefined) parts.push(`年龄不小于${f.minAge}岁`);
  if (f.maxAge !== undefined) parts.push(`年龄不大于${f.maxAge}岁`);
  if (f.q) parts.push(`查找：${f.q}`);
  parts.push(`排序：${SORTS[f.sort] ?? f.sort}${f.dir === 'desc' ? '（降序）' : '（升序）'}`);
  return `筛选条件：${parts.join('；')}`;
}
