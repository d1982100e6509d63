/**
 * 两类群体及易地搬迁户工作台账: one row per household of the year that is below the line, fell
 * since last year, or was relocated (DOMAIN §3.2), with its incomes, labour and work, and its
 * 一户一策 status (待制定 until the monitoring page records a plan). The group rules are the same
 * SQL comparisons as the `stats` counts, so the 合计 row's group counts equal stats's.
 */
import { fenToYuan, weightedPerCapita } from '../../shared/domain/income.ts';
import { belowLine } from '../db/queries/references.ts';
import { breathe, formTitle, idText, scopeSql, YIELD_EVERY, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';
import { businessNetSql } from '../db/queries/income-sql.ts';

interface GroupRow {
  township: string; village: string | null; group_name: string | null; code: string; head_name: string; head_id: string | null;
  size: number; household_type: string; monitoring_category: string | null; relocated: number; note: string | null;
  below: number; decreased: number;
  net: number; wage: number; business: number; property: number; transfer: number; prev_net: number | null; prev_size: number | null;
  labour: number; workers: number; w_county: number; w_province: number; w_outside: number; posts: number;
  plan_status: string | null; cadre: string | null;
}

export function twoGroupsColumns(lineYuan: number): FormColumn[] {
  const g = '所属群体';
  const inc = '收入情况（元）';
  const lab = '劳动力及务工（人）';
  return [
    { header: '序号', width: 6, kind: 'seq' }, { header: '乡镇', width: 10, kind: 'text' }, { header: '行政村', width: 10, kind: 'text' },
    { header: '组', width: 6, kind: 'text' }, { header: '户编号', width: 18, kind: 'id' }, { header: '户主姓名', width: 9, kind: 'text' },
    { header: '户主证件号码', width: 20, kind: 'id' }, { header: '家庭人口', width: 6, kind: 'count' },
    { header: '户类型', width: 8, kind: 'text' }, { header: '监测对象类别', width: 12, kind: 'text' },
    { header: [g, `低于${lineYuan}元`], width: 7, kind: 'seq' }, { header: [g, '收入下降'], width: 7, kind: 'seq' },
    { header: [g, '易地搬迁'], width: 7, kind: 'seq' },
    { header: [inc, '家庭纯收入'], width: 11, kind: 'money' }, { header: [inc, '人均纯收入'], width: 11, kind: 'money' },
    { header: [inc, '上年人均纯收入'], width: 11, kind: 'money' }, { header: [inc, '工资性收入'], width: 11, kind: 'money' },
    { header: [inc, '生产经营性净收入'], width: 11, kind: 'money' }, { header: [inc, '财产性收入'], width: 10, kind: 'money' },
    { header: [inc, '转移性收入'], width: 10, kind: 'money' },
    { header: [lab, '劳动力'], width: 6, kind: 'count' }, { header: [lab, '务工'], width: 6, kind: 'count' },
    { header: [lab, '县内'], width: 6, kind: 'count' }, { header: [lab, '省内县外'], width: 7, kind: 'count' },
    { header: [lab, '省外'], width: 6, kind: 'count' }, { header: [lab, '公益性岗位'], width: 7, kind: 'count' },
    { header: ['一户一策', '计划状态'], width: 8, kind: 'text' }, { header: ['一户一策', '帮扶责任人'], width: 9, kind: 'text' },
    { header: '备注', width: 14, kind: 'text' },
  ];
}

function query(f: FormContext): { sql: string; params: Record<string, unknown> } {
  const s = scopeSql(f.scope);
  const sql = `
    WITH g AS (
      SELECT h.*, r.size AS r_size, r.net_fen, r.wage_fen, ${businessNetSql('r')} AS business_fen,
        r.property_fen, r.transfer_fen, p.net_fen AS prev_net, p.size AS prev_size,
        r.net_fen < @lineFen * r.size AS below,
        (p.net_fen IS NOT NULL AND r.net_fen * p.size < p.net_fen * r.size) AS decreased
      FROM income_records r JOIN households h ON h.id = r.household_id
      LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
      WHERE r.year = @year AND ${s.where})
    SELECT t.name AS township, v.name AS village, g.group_name, g.code, g.head_name, g.head_id_number AS head_id, g.r_size AS size,
      g.household_type, g.monitoring_category, g.relocated, g.note, g.below, g.decreased,
      g.net_fen AS net, g.wage_fen AS wage, g.business_fen AS business, g.property_fen AS property, g.transfer_fen AS transfer,
      g.prev_net, g.prev_size,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.labour IN ('技能劳动力','普通劳动力','弱劳动力或半劳动力')) AS labour,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.work_place_class IS NOT NULL) AS workers,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.work_place_class IN ('乡镇内','县内')) AS w_county,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.work_place_class = '省内县外') AS w_province,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.work_place_class IN ('省外','境外')) AS w_outside,
      (SELECT count(*) FROM members m WHERE m.household_id = g.id AND m.welfare_post = 1) AS posts,
      pl.status AS plan_status, pl.cadre_name AS cadre
    FROM g
    LEFT JOIN regions t ON t.code = g.township_code
    LEFT JOIN regions v ON v.code = g.village_code
    LEFT JOIN plans pl ON pl.household_id = g.id AND pl.year = @year
    WHERE g.below OR g.decreased OR g.relocated
    ORDER BY g.township_code, g.village_code, g.code`;
  return { sql, params: { ...s.params, year: f.year, lineFen: Math.round(belowLine(f.db, f.year) * 100) } };
}

const mark = (b: number): string => (b ? '√' : '');
const pcYuan = (net: number | null, size: number | null): number | null => {
  if (net === null || size === null) return null;
  const pc = weightedPerCapita(net, size);
  return pc === null ? null : fenToYuan(pc);
};

function rowCells(seq: number, r: GroupRow, showIds: boolean): CellValue[] {
  return [
    seq, r.township, r.village, r.group_name, r.code, r.head_name, idText(r.head_id, showIds), r.size, r.household_type, r.monitoring_category,
    mark(r.below), mark(r.decreased), mark(r.relocated),
    fenToYuan(r.net), pcYuan(r.net, r.size), pcYuan(r.prev_net, r.prev_size),
    fenToYuan(r.wage), fenToYuan(r.business), fenToYuan(r.property), fenToYuan(r.transfer),
    r.labour, r.workers, r.w_county, r.w_province, r.w_outside, r.posts, r.plan_status ?? '待制定', r.cadre, r.note,
  ];
}

const SUM_KEYS = ['size', 'below', 'decreased', 'relocated', 'net', 'wage', 'business', 'property', 'transfer', 'labour', 'workers', 'w_county', 'w_province', 'w_outside', 'posts'] as const;
type Totals = Record<(typeof SUM_KEYS)[number] | 'households' | 'prevNet' | 'prevSize', number>;

function totalCells(t: Totals): CellValue[] {
  return [
    null, '合计', null, null, `${t.households}户`, null, null, t.size, null, null, t.below, t.decreased, t.relocated,
    fenToYuan(t.net), pcYuan(t.net, t.size), t.prevSize > 0 ? pcYuan(t.prevNet, t.prevSize) : null,
    fenToYuan(t.wage), fenToYuan(t.business), fenToYuan(t.property), fenToYuan(t.transfer),
    t.labour, t.workers, t.w_county, t.w_province, t.w_outside, t.posts, null, null, null,
  ];
}

export async function writeTwoGroups(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const { sql, params } = query(f);
  const count = (f.db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number }).n;
  const sheet = new FormSheet(book, twoGroupsColumns(belowLine(f.db, f.year)), {
    title: formTitle('two-groups', f.scope, f.year), signatures: f.signatures, date: f.date, frozenColumns: 6, sheetName: '工作台账',
  });
  const t = Object.fromEntries([...SUM_KEYS, 'households', 'prevNet', 'prevSize'].map((k) => [k, 0])) as Totals;
  let seq = 0;
  for (const r of f.db.prepare(sql).iterate(params) as IterableIterator<GroupRow>) {
    if (seq >= f.limit) break;
    sheet.addRow(rowCells(++seq, r, f.showIds));
    t.households++;
    for (const k of SUM_KEYS) t[k] += r[k];
    if (r.prev_net !== null && r.prev_size !== null) {
      t.prevNet += r.prev_net;
      t.prevSize += r.prev_size;
    }
    if (seq % YIELD_EVERY === 0) await breathe(f, sheet, '写入工作台账', seq, count);
  }
  sheet.addRow(totalCells(t), 'total');
  f.progress('写入工作台账', seq, count);
  sheet.finish();
  return { rows: seq, sheets: [sheet.sheet.name] };
}
