/**
 * 务工就业统计表 by township (or village): labour force, persons in work by where they work
 * (县内 = 乡镇内 + 县内, 省内县外, 省外 = 省外 + 境外, 其他), 公益性岗位, months worked, and the
 * year's wage income per worker. Persons are the ledger's member rows (the 台账 → 人 list counts the
 * same rows with the same filters); wage income is the year's income records of those households.
 */
import { fenToYuan } from '../../shared/domain/income.ts';
import { regionNames } from '../db/queries/stats.ts';
import { formTitle, scopeSql, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';
import { LEAF_COLUMNS, leafHeader, regionBlocks, type LeafKey } from './region-blocks.ts';

/** Labour capacity that counts as 劳动力 (DOMAIN §1.3), as the work ledger counts it. */
export const LABOUR_SQL = `m.labour IN ('技能劳动力','普通劳动力','弱劳动力或半劳动力')`;

export interface EmploymentSums {
  households: number;
  members: number;
  labour: number;
  workers: number;
  inCounty: number;
  inProvince: number;
  outside: number;
  otherPlace: number;
  posts: number;
  months: number;
  workersWithMonths: number;
  wageFen: number;
  postWageFen: number;
  incomeHouseholds: number;
}

const ZERO: EmploymentSums = {
  households: 0, members: 0, labour: 0, workers: 0, inCounty: 0, inProvince: 0, outside: 0, otherPlace: 0, posts: 0,
  months: 0, workersWithMonths: 0, wageFen: 0, postWageFen: 0, incomeHouseholds: 0,
};
const KEYS = Object.keys(ZERO) as Array<keyof EmploymentSums>;

export function employmentColumns(header: string): FormColumn[] {
  const w = '务工人数（人）';
  return [
    { header: '序号', width: 6, kind: 'seq' }, { header, width: 14, kind: 'text' },
    { header: '户数（户）', width: 9, kind: 'count' }, { header: '人数（人）', width: 9, kind: 'count' },
    { header: '劳动力（人）', width: 9, kind: 'count' },
    { header: [w, '合计'], width: 8, kind: 'count' }, { header: [w, '县内'], width: 8, kind: 'count' },
    { header: [w, '省内县外'], width: 8, kind: 'count' }, { header: [w, '省外（含境外）'], width: 9, kind: 'count' },
    { header: [w, '其他'], width: 7, kind: 'count' },
    { header: '劳动力务工率', width: 9, kind: 'percent' },
    { header: '公益性岗位（人）', width: 9, kind: 'count' },
    { header: ['务工时间', '合计（月）'], width: 9, kind: 'count' }, { header: ['务工时间', '人均（月）'], width: 8, kind: 'money' },
    { header: ['工资性收入（元）', '合计'], width: 17, kind: 'money' },
    { header: ['工资性收入（元）', '其中公益性岗位'], width: 15, kind: 'money' },
    { header: ['工资性收入（元）', '务工人员人均'], width: 12, kind: 'money' },
  ];
}

export function employmentRows(f: FormContext): Array<{ key: LeafKey; sums: EmploymentSums }> {
  const s = scopeSql(f.scope);
  const people = f.db.prepare(`SELECT ${LEAF_COLUMNS}, count(DISTINCT h.id) AS households, count(m.id) AS members,
      count(m.id) FILTER (WHERE ${LABOUR_SQL}) AS labour,
      count(m.id) FILTER (WHERE m.work_place_class IS NOT NULL) AS workers,
      count(m.id) FILTER (WHERE m.work_place_class IN ('乡镇内','县内')) AS inCounty,
      count(m.id) FILTER (WHERE m.work_place_class = '省内县外') AS inProvince,
      count(m.id) FILTER (WHERE m.work_place_class IN ('省外','境外')) AS outside,
      count(m.id) FILTER (WHERE m.work_place_class = '其他') AS otherPlace,
      count(m.id) FILTER (WHERE m.welfare_post = 1) AS posts,
      ifnull(sum(m.work_months) FILTER (WHERE m.work_place_class IS NOT NULL), 0) AS months,
      count(m.work_months) FILTER (WHERE m.work_place_class IS NOT NULL) AS workersWithMonths
    FROM households h LEFT JOIN members m ON m.household_id = h.id WHERE ${s.where} GROUP BY 1, 2, 3`).all(s.params) as Array<LeafKey & Partial<EmploymentSums>>;
  const money = f.db.prepare(`SELECT ${LEAF_COLUMNS}, count(*) AS incomeHouseholds, sum(r.wage_fen) AS wageFen, sum(r.welfare_post_wage_fen) AS postWageFen
    FROM households h CROSS JOIN income_records r ON r.household_id = h.id WHERE r.year = @year AND ${s.where} GROUP BY 1, 2, 3`)
    .all({ ...s.params, year: f.year }) as Array<LeafKey & Partial<EmploymentSums>>;
  return [...people, ...money].map((r) => {
    const sums = { ...ZERO };
    for (const k of KEYS) sums[k] = r[k] ?? 0;
    return { key: { county: r.county, township: r.township, village: r.village }, sums };
  });
}

const ratio = (a: number, b: number, digits = 4): number | null => (b > 0 ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);

function cells(seq: number | null, label: string, s: EmploymentSums): CellValue[] {
  return [
    seq, label, s.households, s.members, s.labour, s.workers, s.inCounty, s.inProvince, s.outside, s.otherPlace,
    ratio(s.workers, s.labour), s.posts, s.months, ratio(s.months, s.workersWithMonths, 2),
    fenToYuan(s.wageFen), fenToYuan(s.postWageFen), s.workers > 0 ? fenToYuan(Math.round(s.wageFen / s.workers)) : null,
  ];
}

export async function writeEmployment(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const sheet = new FormSheet(book, employmentColumns(leafHeader(f.scope, f.by)), {
    title: formTitle('employment', f.scope, f.year), signatures: f.signatures, date: f.date, frozenColumns: 2, sheetName: '务工就业统计',
  });
  const printed = regionBlocks(employmentRows(f), f.scope, f.by, {
    names: regionNames(f.db), empty: () => ({ ...ZERO }), add: (t, x) => KEYS.forEach((k) => (t[k] += x[k])),
  });
  let rows = 0;
  for (const r of printed) {
    if (r.kind === 'data' && rows >= f.limit) break;
    sheet.addRow(cells(r.seq, r.label, r.sums), r.kind);
    if (r.kind === 'data') rows++;
  }
  sheet.addMergedRow(
    `说明：户数、人数、劳动力和务工情况为台账当前成员（劳动力 = 技能劳动力、普通劳动力、弱劳动力或半劳动力；务工 = 填有务工地域，县内含乡镇内，省外含境外）；` +
      `工资性收入为${f.year}年收入记录之和（含公益性岗位工资），务工人员人均 = 工资性收入合计 ÷ 务工人数；人均务工月数只计填有月数的务工人员。`,
    'note', 36,
  );
  f.progress('写入', rows, rows);
  sheet.finish();
  return { rows, sheets: [sheet.sheet.name] };
}
