/**
 * 一户一策增收计划 (DOMAIN §7.4): one block per household — who they are, last year's income and its
 * parts, the plan's measures one per row, the target, and the signature line — with a page break
 * after each block so every household prints on its own page. Plans belong to the monitoring
 * issue; until it records any, the form is refused rather than exported empty.
 */
import { fenToYuan, growth, weightedPerCapita } from '../../shared/domain/income.ts';
import { formatPercent, formatYuan } from '../../shared/domain/format.ts';
import { isMethodName } from '../../shared/api/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../db/types.ts';
import { breathe, formTitle, idText, scopeSql, yuan, YIELD_EVERY, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type FormColumn, type FormWorkbook } from './layout.ts';
import { businessNetSql } from '../db/queries/income-sql.ts';

export const PLANS_NOT_ENABLED = '一户一策计划功能尚未启用：请先在“监测帮扶”中为农户制定计划后再导出。';

/** Null when the form can be exported; otherwise why not. */
export function plansUnavailableReason(db: Db): string | null {
  const any = db.prepare('SELECT 1 FROM plans LIMIT 1').get() !== undefined;
  return any || isMethodName('monitoring:plan:save') ? null : PLANS_NOT_ENABLED;
}

const COLUMNS: FormColumn[] = [
  { header: ['帮扶措施', '措施类别'], width: 10, kind: 'text' },
  { header: ['帮扶措施', '具体内容'], width: 34, kind: 'text' },
  { header: ['帮扶措施', '规模'], width: 12, kind: 'text' },
  { header: ['帮扶措施', '扶持资金（元）'], width: 12, kind: 'money' },
  { header: ['责任落实', '责任单位'], width: 14, kind: 'text' },
  { header: ['责任落实', '责任人'], width: 9, kind: 'text' },
  { header: ['责任落实', '完成时限'], width: 10, kind: 'text' },
  { header: '预计增收（元）', width: 12, kind: 'money' },
];

interface PlanRow {
  id: number; code: string; head_name: string; head_id: string | null; size: number; household_type: string; monitoring_category: string | null;
  relocated: number; township: string | null; village: string | null; group_name: string | null; status: string; target: number | null;
  cadre_name: string | null; cadre_phone: string | null; note: string | null; labour: number;
  prev_net: number | null; prev_size: number | null; wage: number | null; business: number | null; property: number | null; transfer: number | null;
}

interface MeasureRow {
  measure_type: string; content: string; scale: string | null; funds_fen: number | null; department: string | null; cadre: string | null;
  deadline: string | null; expected_increase_fen: number | null;
}

function planSql(f: FormContext): { sql: string; params: Record<string, unknown> } {
  const s = scopeSql(f.scope);
  return {
    sql: `SELECT pl.id, h.code, h.head_name, h.head_id_number AS head_id, h.size, h.household_type, h.monitoring_category, h.relocated,
        t.name AS township, v.name AS village, h.group_name, pl.status, pl.target_per_capita_fen AS target, pl.cadre_name, pl.cadre_phone, pl.note,
        (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.labour IN ('技能劳动力','普通劳动力','弱劳动力或半劳动力')) AS labour,
        p.net_fen AS prev_net, p.size AS prev_size, p.wage_fen AS wage, ${businessNetSql('p')} AS business,
        p.property_fen AS property, p.transfer_fen AS transfer
      FROM plans pl JOIN households h ON h.id = pl.household_id
      LEFT JOIN regions t ON t.code = h.township_code LEFT JOIN regions v ON v.code = h.village_code
      LEFT JOIN income_records p ON p.household_id = h.id AND p.year = pl.year - 1
      WHERE pl.year = @year AND ${s.where}
      ORDER BY h.township_code, h.village_code, h.code`,
    params: { ...s.params, year: f.year },
  };
}

function perCapita(netFen: number | null, size: number | null): number | null {
  if (netFen === null || size === null) return null;
  const pc = weightedPerCapita(netFen, size);
  return pc === null ? null : fenToYuan(pc);
}

function writeBlock(sheet: FormSheet, p: PlanRow, measures: MeasureRow[], f: FormContext): void {
  const place = [p.township, p.village, p.group_name].filter(Boolean).join(' ');
  const who = `户主：${p.head_name}　户编号：${p.code}　证件号码：${idText(p.head_id, f.showIds) ?? ''}　${place}`;
  sheet.addMergedRow(who, 'band', 22);
  const kind = [p.household_type, p.monitoring_category, p.relocated ? '易地搬迁户' : null].filter(Boolean).join('、');
  sheet.addMergedRow(`家庭人口：${p.size}人　劳动力：${p.labour}人　户类别：${kind}　计划状态：${p.status}`, 'note');
  const pc = perCapita(p.prev_net, p.prev_size);
  const parts = (x: number | null): string => formatYuan(perCapita(x, p.prev_size));
  sheet.addMergedRow(
    `${f.year - 1}年人均纯收入：${formatYuan(pc)}元（工资性 ${parts(p.wage)}，生产经营性净收入 ${parts(p.business)}，财产性 ${parts(p.property)}，转移性 ${parts(p.transfer)}）`,
    'note',
  );
  for (const m of measures) {
    sheet.addRow([m.measure_type, m.content, m.scale, yuan(m.funds_fen), m.department, m.cadre, m.deadline, yuan(m.expected_increase_fen)]);
  }
  if (measures.length === 0) sheet.addMergedRow('（尚未填写帮扶措施）', 'note');
  const target = yuan(p.target);
  sheet.addMergedRow(
    `${f.year}年目标人均纯收入：${formatYuan(target)}元　预计增幅：${formatPercent(growth(target, pc))}　帮扶责任人：${p.cadre_name ?? ''}　联系电话：${p.cadre_phone ?? ''}${p.note ? `　备注：${p.note}` : ''}`,
    'note',
  );
  const sign = sheet.addMergedRow('帮扶责任人（签字）：　　　　　户主（签字或按手印）：　　　　　村委会（盖章）：　　　　　乡镇审核：', 'note', 36);
  sheet.breakPage(sign);
}

export async function writePlans(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const { sql, params } = planSql(f);
  const total = (f.db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number }).n;
  if (total === 0) throw new AppError('not-found', `${f.scope.label}${f.year}年还没有一户一策计划，无可导出的内容。`);
  const sheet = new FormSheet(book, COLUMNS, { title: formTitle('plans', f.scope, f.year), signatures: f.signatures, date: f.date, sheetName: '一户一策' });
  const measures = f.db.prepare(
    'SELECT measure_type, content, scale, funds_fen, department, cadre, deadline, expected_increase_fen FROM plan_measures WHERE plan_id = ? ORDER BY sort, id',
  );
  // The plan rows are read first: a second statement cannot run while an iterator is open on the same connection.
  const plans = (f.db.prepare(sql).all(params) as PlanRow[]).slice(0, f.limit);
  let n = 0;
  for (const p of plans) {
    writeBlock(sheet, p, measures.all(p.id) as MeasureRow[], f);
    if (++n % (YIELD_EVERY / 10) === 0) await breathe(f, sheet, '写入一户一策', n, total);
  }
  f.progress('写入一户一策', n, total);
  sheet.finish();
  return { rows: n, sheets: [sheet.sheet.name] };
}
