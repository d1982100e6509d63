/**
 * What every form writer receives and returns, and the scope (city / county / township and year)
 * a form covers. Form writers read from a database handle of their own (see run.ts) so a long
 * export never holds the app's main connection busy.
 */
import { CITY } from '../../shared/domain/regions.ts';
import { maskIdNumber } from '../../shared/domain/id-number.ts';
import { AppError } from '../../shared/errors.ts';
import { latestYear } from '../analysis/stats.ts';
import type { Db } from '../db/types.ts';
import type { FormSheet, FormWorkbook, Signatures } from './layout.ts';
import type { LeafLevel } from './region-blocks.ts';

import { EXPORT_FORMS, type ExportForm } from '../../shared/api/export.ts';

export const FORM_KINDS = EXPORT_FORMS;
export type FormKind = ExportForm;

export const FORM_TITLES: Readonly<Record<FormKind, string>> = {
  'income-summary': '脱贫人口收入情况统计表',
  'two-groups': '两类群体及易地搬迁户工作台账',
  plans: '一户一策增收计划',
  matrix: '责任分工表',
  ledger: '脱贫人口台账（全字段）',
  'income-bands': '脱贫人口收入分段统计表',
  employment: '脱贫人口务工就业统计表',
  monitoring: '防止返贫监测对象情况表',
  'half-year': '脱贫人口增收情况表',
};

export interface ExportOptions {
  year?: number | undefined;
  county?: string | undefined;
  township?: string | undefined;
  /** Full ID numbers; the caller has checked the reason and writes the audit entry. */
  showIds?: boolean | undefined;
  /** Regional forms: one row per township (default above township scope) or per village. */
  by?: LeafLevel | undefined;
  /** 增收情况表: the half-year report (上半年) or the year's (年度). */
  period?: Period | undefined;
}

export type Period = 'half' | 'year';

export interface Scope {
  level: 'city' | 'county' | 'township';
  /** 620400, a county or a township code. */
  code: string;
  county: string | undefined;
  township: string | undefined;
  /** 白银市 / 会宁县 / 会宁县郭城驿镇: the title prefix. */
  label: string;
  /** The unit named in the 填报单位 line when 设置 has none. */
  name: string;
}

export interface FormContext {
  db: Db;
  scope: Scope;
  year: number;
  showIds: boolean;
  signatures: Signatures;
  date: Date;
  signal: AbortSignal | undefined;
  /** Stop after this many data rows (the preview); Infinity for a real export. */
  limit: number;
  by: LeafLevel;
  period: Period;
  progress(step: string, current: number, total: number | null): void;
}

export interface FormOutcome {
  /** Data rows written (households, members or regions, by form). */
  rows: number;
  sheets: string[];
}

export type FormWriter = (book: FormWorkbook, f: FormContext) => Promise<FormOutcome>;

function regionRow(db: Db, code: string): { name: string; level: string; parent_code: string | null } | undefined {
  return db.prepare('SELECT name, level, parent_code FROM regions WHERE code = ?').get(code) as
    | { name: string; level: string; parent_code: string | null }
    | undefined;
}

/** Resolves --county/--township to a scope; a township implies its county. Unknown codes are refused. */
export function resolveScope(db: Db, county?: string, township?: string): Scope {
  if (township) {
    const t = regionRow(db, township);
    if (!t || t.level !== 'township') throw new AppError('validation', `乡镇代码 ${township} 不存在`);
    const c = t.parent_code ?? township.slice(0, 6);
    if (county && county !== c) throw new AppError('validation', `乡镇 ${t.name}（${township}）不属于县区 ${county}`);
    const cn = regionRow(db, c)?.name ?? '';
    return { level: 'township', code: township, county: c, township, label: `${cn}${t.name}`, name: t.name };
  }
  if (county) {
    const c = regionRow(db, county);
    if (!c || c.level !== 'county') throw new AppError('validation', `县区代码 ${county} 不存在`);
    return { level: 'county', code: county, county, township: undefined, label: c.name, name: c.name };
  }
  return { level: 'city', code: CITY.code, county: undefined, township: undefined, label: CITY.name, name: CITY.name };
}

export function resolveYear(db: Db, year: number | undefined): number {
  const y = year ?? latestYear(db);
  if (y === null) throw new AppError('not-found', '数据库中还没有任何年度的收入数据，请先导入。');
  return y;
}

export function formTitle(kind: FormKind, scope: Scope, year: number): string {
  return `${scope.label}${year}年${FORM_TITLES[kind]}`;
}

/** SQL filter on households `h` for a scope, with its parameters. */
export function scopeSql(scope: Scope): { where: string; params: Record<string, string> } {
  if (scope.level === 'township') return { where: 'h.township_code = @township', params: { township: scope.code } };
  if (scope.level === 'county') return { where: 'h.county_code = @county', params: { county: scope.code } };
  return { where: '1 = 1', params: {} };
}

export function idText(id: string | null, show: boolean): string | null {
  if (id === null || id === '') return null;
  return show ? id : maskIdNumber(id);
}

/** Rows between checks for cancellation and yields to the event loop (lets the zip stream drain). */
export const YIELD_EVERY = 2_000;

/** Checks for cancellation, reports progress, and lets the compressor catch up before more rows come. */
export async function breathe(f: FormContext, sheet: FormSheet, step: string, done: number, total: number | null): Promise<void> {
  if (f.signal?.aborted) throw new AppError('cancelled', '导出已取消');
  f.progress(step, done, total);
  await new Promise<void>((resolve) => setImmediate(resolve));
  await sheet.drained();
  // A cancel message is handled while we wait; honour it before writing more.
  if (f.signal?.aborted) throw new AppError('cancelled', '导出已取消');
}

export const yuan = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : Math.round(fen) / 100);
