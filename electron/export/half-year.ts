/**
 * 半年 / 年度 增收情况表: per-capita net income and each of its four components for the scope and
 * its regions — this year, last year, growth, gap to the year's target and to the province
 * average — and a 说明 row stating the accounting rules (口径) the figures follow. Every figure is
 * the `stats` figure for the same scope and year (computeStats), the component targets those of
 * 增收分析 (reference values), so the form, the app and the report agree to the fen.
 */
import type { StatsBy, StatsRow } from '../../shared/api/stats.ts';
import { gap, growth, round2 } from '../../shared/domain/income.ts';
import { computeStats, round4 } from '../analysis/stats.ts';
import { loadReferences, type RefSnapshot } from '../db/queries/analysis-references.ts';
import { belowLine } from '../db/queries/references.ts';
import { FORM_TITLES, type FormContext, type FormOutcome, type Period } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';

export const HALF_YEAR_METRICS = [
  { metric: 'perCapitaNet', label: '人均纯收入' },
  { metric: 'wage', label: '工资性收入' },
  { metric: 'business', label: '经营性净收入' },
  { metric: 'property', label: '财产性收入' },
  { metric: 'transfer', label: '转移性收入' },
] as const;

type Metric = (typeof HALF_YEAR_METRICS)[number]['metric'];

export function periodLabel(year: number, period: Period): string {
  return period === 'half' ? `${year}年上半年` : `${year}年度`;
}

export function halfYearTitle(scopeLabel: string, year: number, period: Period): string {
  return `${scopeLabel}${periodLabel(year, period)}${FORM_TITLES['half-year']}`;
}

export function halfYearColumns(unit: string): FormColumn[] {
  const cols: FormColumn[] = [
    { header: '序号', width: 5, kind: 'seq' }, { header: unit, width: 13, kind: 'text' },
    { header: '户数（户）', width: 8, kind: 'count' }, { header: '人数（人）', width: 8, kind: 'count' },
  ];
  for (const m of HALF_YEAR_METRICS) {
    cols.push(
      { header: [m.label, '本期'], width: 10, kind: 'money' }, { header: [m.label, '上年'], width: 10, kind: 'money' },
      { header: [m.label, '增幅'], width: 7, kind: 'percent' }, { header: [m.label, '距年度目标'], width: 10, kind: 'money' },
      { header: [m.label, '距全省平均'], width: 10, kind: 'money' },
    );
  }
  return cols;
}

export interface MetricFigures {
  actual: number | null;
  previous: number | null;
  growth: number | null;
  target: number | null;
  gapToTarget: number | null;
  province: number | null;
  gapToProvince: number | null;
}

/** One region's figures per metric; the per-capita target and province figure are the stats row's. */
export function metricFigures(r: StatsRow, prev: StatsRow | undefined, year: number, refs: RefSnapshot): Record<Metric, MetricFigures> {
  const out = {} as Record<Metric, MetricFigures>;
  for (const { metric } of HALF_YEAR_METRICS) {
    const actual = r[metric];
    const previous = prev ? prev[metric] : null;
    const target = metric === 'perCapitaNet' ? r.target : refs.target(year, r.code, metric);
    const province = metric === 'perCapitaNet' ? r.provinceAverage : refs.province(year, metric);
    const g = gap(target, actual);
    const gp = gap(province, actual);
    out[metric] = {
      actual, previous, growth: metric === 'perCapitaNet' ? r.growth : round4(growth(actual, previous)),
      target, gapToTarget: g === null ? null : round2(g), province, gapToProvince: gp === null ? null : round2(gp),
    };
  }
  return out;
}

function cells(seq: number | null, r: StatsRow, fig: Record<Metric, MetricFigures>, label = r.name): CellValue[] {
  const out: CellValue[] = [seq, label, r.households, r.persons];
  for (const { metric } of HALF_YEAR_METRICS) {
    const x = fig[metric];
    out.push(x.actual, x.previous, x.growth, x.gapToTarget, x.gapToProvince);
  }
  return out;
}

export function accountingNote(year: number, period: Period, line: number): string {
  return [
    `说明（统计口径）：1. 家庭纯收入 = 工资性收入 + 生产经营性收入 − 生产经营性支出 + 财产性收入 + 转移性收入，经营性净收入 = 生产经营性收入 − 生产经营性支出；`,
    `2. 地区人均纯收入 = Σ家庭纯收入 ÷ Σ家庭人口（按人口加权，不是各户人均的平均数），各项构成同此；`,
    `3. 增幅 = 本期 ÷ 上年同口径 − 1；距年度目标 = 目标 − 本期，距全省平均 = 全省平均 − 本期，正数为差距、负数为已超出；`,
    `4. 年度目标为《白银市脱贫人口增收三年行动方案（2023—2025年）》目标，全省平均为设置中的参考值，未填的显示为空；`,
    `5. 两类群体收入线 ${line.toLocaleString('en-US')} 元（低于即计入）；`,
    period === 'half'
      ? `6. 本期为${year}年上半年：按台账中${year}年度收入记录（年中采集）统计，口径与年度相同。`
      : `6. 本期为${year}年度收入记录。`,
  ].join('');
}

export async function writeHalfYear(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const by: StatsBy = f.scope.level === 'city' ? 'county' : f.by;
  const q = { by, county: f.scope.county, township: f.scope.township };
  const now = computeStats(f.db, { ...q, year: f.year });
  const prev = computeStats(f.db, { ...q, year: f.year - 1 });
  const refs = loadReferences(f.db);
  const prevOf = new Map(prev.rows.map((r) => [r.code, r]));
  const unit = by === 'county' ? '县区' : by === 'township' ? '乡镇' : '行政村';
  const sheet = new FormSheet(book, halfYearColumns(unit), {
    title: halfYearTitle(f.scope.label, f.year, f.period), signatures: f.signatures, date: f.date, frozenColumns: 2, sheetName: '增收情况', paper: 'A3',
  });
  const hasPrev = prev.rows.length > 0;
  sheet.addRow(cells(null, now.total, metricFigures(now.total, hasPrev ? prev.total : undefined, f.year, refs), f.scope.level === 'city' ? '全市合计' : '合计'), 'total');
  let rows = 0;
  for (const r of now.rows) {
    if (rows >= f.limit) break;
    sheet.addRow(cells(++rows, r, metricFigures(r, prevOf.get(r.code), f.year, refs)));
  }
  sheet.addMergedRow(accountingNote(f.year, f.period, belowLine(f.db, f.year)), 'note', 64);
  f.progress('写入', rows, rows);
  sheet.finish();
  return { rows, sheets: [sheet.sheet.name] };
}
