/**
 * 脱贫人口收入情况统计表 (DOMAIN §7.2): one row per township at county scope, per village at
 * township scope, and at city scope the townships of each county followed by that county's 小计,
 * then the 合计. Every figure is computeStats's, so the form agrees with the app to the fen.
 */
import type { StatsBy, StatsRow } from '../../shared/api/stats.ts';
import { round2 } from '../../shared/domain/income.ts';
import { belowLine } from '../db/queries/references.ts';
import { computeStats } from '../analysis/stats.ts';
import type { Db } from '../db/types.ts';
import { formTitle, type FormContext, type FormOutcome, type Scope } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook, type RowKind } from './layout.ts';

export function incomeSummaryColumns(lineYuan: number, scope: Scope): FormColumn[] {
  const unit = scope.level === 'township' ? '行政村' : '乡镇';
  const line = `低于${lineYuan.toLocaleString('en-US')}元`;
  return [
    { header: '序号', width: 6, kind: 'seq' },
    { header: scope.level === 'city' ? `县区/${unit}` : unit, width: 16, kind: 'text' },
    { header: '户数（户）', width: 10, kind: 'count' },
    { header: '人数（人）', width: 10, kind: 'count' },
    { header: ['人均纯收入', '本年'], width: 12, kind: 'money' },
    { header: ['人均纯收入', '上年'], width: 12, kind: 'money' },
    { header: ['人均纯收入', '增减额'], width: 11, kind: 'money' },
    { header: ['人均纯收入', '增幅'], width: 8, kind: 'percent' },
    { header: ['人均纯收入构成', '工资性收入'], width: 11, kind: 'money' },
    { header: ['人均纯收入构成', '生产经营性净收入'], width: 12, kind: 'money' },
    { header: ['人均纯收入构成', '财产性收入'], width: 11, kind: 'money' },
    { header: ['人均纯收入构成', '转移性收入'], width: 11, kind: 'money' },
    { header: ['两类群体及搬迁户（户）', line], width: 11, kind: 'count' },
    { header: ['两类群体及搬迁户（户）', '收入下降'], width: 10, kind: 'count' },
    { header: ['两类群体及搬迁户（户）', '易地搬迁'], width: 10, kind: 'count' },
    { header: ['年度目标', '目标人均纯收入'], width: 12, kind: 'money' },
    { header: ['年度目标', '距目标差距'], width: 12, kind: 'money' },
    { header: '备注', width: 14, kind: 'text' },
  ];
}

type PrevMap = Map<string, number | null>;

function prevMap(db: Db, year: number, by: StatsBy, scope: Scope): PrevMap {
  const r = computeStats(db, { year: year - 1, by, county: scope.county, township: scope.township });
  return new Map([...r.rows.map((x) => [x.code, x.perCapitaNet] as const), [r.total.code, r.total.perCapitaNet] as const]);
}

/** The printed row: the stats row as it is, plus last year's per-capita and the change. */
export function summaryCells(seq: CellValue, label: string, r: StatsRow, prev: number | null): CellValue[] {
  const change = r.perCapitaNet !== null && prev !== null ? round2(r.perCapitaNet - prev) : null;
  const note = r.perCapitaNet === null ? '无收入数据' : r.gapToTarget !== null && r.gapToTarget > 0 ? '未达目标' : '';
  return [
    seq, label, r.households, r.persons, r.perCapitaNet, prev, change, r.growth,
    r.wage, r.business, r.property, r.transfer, r.below8000, r.decreased, r.relocated, r.target, r.gapToTarget, note,
  ];
}

interface Block {
  rows: StatsRow[];
  prev: PrevMap;
  subtotal?: { row: StatsRow; prev: number | null };
}

function blocks(db: Db, year: number, scope: Scope): { blocks: Block[]; total: StatsRow; totalPrev: number | null } {
  const by: StatsBy = scope.level === 'township' ? 'village' : 'township';
  if (scope.level !== 'city') {
    const r = computeStats(db, { year, by, county: scope.county, township: scope.township });
    const prev = prevMap(db, year, by, scope);
    return { blocks: [{ rows: r.rows, prev }], total: r.total, totalPrev: prev.get(r.total.code) ?? null };
  }
  const counties = computeStats(db, { year, by: 'county' });
  const countyPrev = prevMap(db, year, 'county', scope);
  const towns = computeStats(db, { year, by: 'township' });
  const townPrev = prevMap(db, year, 'township', scope);
  const out = counties.rows.map((c) => ({
    rows: towns.rows.filter((t) => t.code.startsWith(c.code)),
    prev: townPrev,
    subtotal: { row: c, prev: countyPrev.get(c.code) ?? null },
  }));
  return { blocks: out, total: counties.total, totalPrev: countyPrev.get(counties.total.code) ?? null };
}

export async function writeIncomeSummary(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const line = belowLine(f.db, f.year);
  const columns = incomeSummaryColumns(line, f.scope);
  const title = formTitle('income-summary', f.scope, f.year);
  const sheet = new FormSheet(book, columns, { title, signatures: f.signatures, date: f.date, frozenColumns: 2, sheetName: '收入情况统计表' });
  const { blocks: parts, total, totalPrev } = blocks(f.db, f.year, f.scope);
  const add = (cells: CellValue[], kind: RowKind = 'data'): void => void sheet.addRow(cells, kind);
  // The 合计 comes first, right under the header, as county forms usually have it (DOMAIN §7.1).
  add(summaryCells(null, f.scope.level === 'city' ? '全市合计' : '合计', total, totalPrev), 'total');
  let seq = 0;
  for (const b of parts) {
    if (b.subtotal) add(summaryCells(null, `${b.subtotal.row.name}小计`, b.subtotal.row, b.subtotal.prev), 'subtotal');
    for (const r of b.rows) add(summaryCells(++seq, r.name, r, b.prev.get(r.code) ?? null));
  }
  f.progress('写入', seq, seq);
  sheet.finish();
  return { rows: seq, sheets: [sheet.sheet.name] };
}
