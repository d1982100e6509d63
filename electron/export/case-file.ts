/**
 * 监测档案: the file of one household's monitoring case — who and where, every step with its date,
 * operator and note (the elimination checklist as checked at that step), the deadline and any late
 * milestones, and the help measures of its 一户一策 plan. Written as a styled .xlsx, not .docx: it is
 * a table of steps and measures that stewards keep, sort and print beside the other forms in WPS, it
 * shares their layout (title, data note, 演示数据 mark, A4, signatures) and their LibreOffice test,
 * and the steps stay cells a county can paste into its own register. The case itself is read by the
 * service (cases/ is a sibling layer) and handed in; the ID number is masked unless asked for.
 */
import type { CaseDetail } from '../../shared/api/cases.ts';
import { deadlineText } from '../../shared/cases/deadline-text.ts';
import type { Db } from '../db/types.ts';
import { idText, yuan } from './form.ts';
import { FormSheet, readSignatures, type FormColumn, type FormWorkbook, type Signatures } from './layout.ts';
import { writeSmallForm } from './small-form.ts';

const STEP_COLUMNS: FormColumn[] = [
  { header: '序号', width: 6, kind: 'seq' }, { header: '步骤', width: 14, kind: 'text' }, { header: '日期', width: 12, kind: 'text' },
  { header: ['用时（工作日）', '距线索'], width: 9, kind: 'count' }, { header: ['用时（工作日）', '距上一步'], width: 9, kind: 'count' },
  { header: '经办人', width: 10, kind: 'text' }, { header: '说明', width: 56, kind: 'text' }, { header: '登记时间', width: 18, kind: 'text' },
];

const MEASURE_COLUMNS: FormColumn[] = [
  { header: '序号', width: 6, kind: 'seq' }, { header: '措施类型', width: 10, kind: 'text' }, { header: '措施内容', width: 30, kind: 'text' },
  { header: '规模', width: 10, kind: 'text' }, { header: '资金（元）', width: 12, kind: 'money' }, { header: '责任单位', width: 16, kind: 'text' },
  { header: '帮扶责任人', width: 10, kind: 'text' }, { header: '完成时限', width: 12, kind: 'text' }, { header: '预计增收（元）', width: 12, kind: 'money' },
];

interface Household { size: number | null; head_id_number: string | null; group_name: string | null }
interface Measure {
  measure_type: string; content: string; scale: string | null; funds_fen: number | null; department: string | null;
  cadre: string | null; deadline: string | null; expected_increase_fen: number | null;
}

function summaryLine(c: CaseDetail, h: Household | undefined, showIds: boolean): string {
  const place = `${c.townshipName}${c.villageName ?? ''}${h?.group_name ?? ''}`;
  const parts = [
    `户编号：${c.householdCode}`, `户主：${c.headName}`, `身份证号：${h ? idText(h.head_id_number, showIds) ?? '—' : '（已移出台账）'}`,
    `家庭人口：${h?.size ?? '—'} 人`, `住址：${place}`, `线索来源：${c.source}`, `监测类别：${c.category ?? '未定'}`,
    `风险类型：${c.riskTypes.length ? c.riskTypes.join('、') : '未填'}`, `当前状态：${c.state}（${c.stateDate}），${c.next}`,
  ];
  return parts.join('　');
}

/** Working days in (from, to] by the ledger's calendar (the service hands it in: cases/ owns the calendar). */
export type Workdays = (from: string, to: string) => number;

function writeSteps(book: FormWorkbook, c: CaseDetail, h: Household | undefined, o: { showIds: boolean; workdays: Workdays }, signatures: Signatures, date: Date): void {
  const sheet = new FormSheet(book, STEP_COLUMNS, {
    title: `${c.townshipName}${c.villageName ?? ''}防止返贫监测对象档案（${c.headName}户）`, signatures, sheetName: '监测档案',
    unitLine: `监测记录编号：${c.id}`, filterLine: summaryLine(c, h, o.showIds), paper: 'A4', date,
  });
  c.steps.forEach((s, i) => {
    const prev = c.steps[i - 1];
    sheet.addRow([i + 1, s.state, s.date, o.workdays(c.timing.clueDate, s.date), prev ? o.workdays(prev.date, s.date) : null, s.operator, s.note ?? '',
      s.createdAt.replace('T', ' ').slice(0, 19)]);
    // A committed row cannot grow, so the checklist of a 风险消除 step gets a wrapping row of its own.
    if (s.checklist) sheet.addMergedRow(`风险消除核对：${s.checklist.map((x) => `${x.ok ? '✔' : '✘'} ${x.label}：${x.detail}`).join('；')}`, 'note', 54);
  });
  const limit = c.timing.deadline ? deadlineText(c) : `识别认定已结束${c.timing.late.length ? `，超期 ${c.timing.late.length} 处（见下）` : '，未超期'}`;
  sheet.addMergedRow(`时限：${limit}；自发现线索（${c.timing.clueDate}）已用 ${c.timing.daysTaken} 个工作日（扣除周末和节假日）。`, 'band');
  for (const l of c.timing.late) sheet.addMergedRow(`超期：${l}`, 'note');
  if (c.note) sheet.addMergedRow(`备注：${c.note}`, 'note');
  sheet.finish();
}

function writeMeasures(book: FormWorkbook, db: Db, c: CaseDetail, signatures: Signatures, date: Date): number {
  const sheet = new FormSheet(book, MEASURE_COLUMNS, {
    title: `${c.headName}户帮扶措施`, signatures, sheetName: '帮扶措施', unitLine: '单位：元', paper: 'A4', date,
    filterLine: c.plan ? `一户一策：${c.plan.year} 年，${c.plan.status}，措施 ${c.plan.measures} 项` : '未关联一户一策计划',
  });
  const rows = c.plan ? (db.prepare(`SELECT measure_type, content, scale, funds_fen, department, cadre, deadline, expected_increase_fen
    FROM plan_measures WHERE plan_id = ? ORDER BY sort, id`).all(c.plan.id) as Measure[]) : [];
  rows.forEach((m, i) => sheet.addRow([i + 1, m.measure_type, m.content, m.scale ?? '', yuan(m.funds_fen), m.department ?? '', m.cadre ?? '', m.deadline ?? '', yuan(m.expected_increase_fen)]));
  if (rows.length === 0) sheet.addMergedRow('暂无帮扶措施。', 'note');
  sheet.finish();
  return rows.length;
}

export interface CaseFileOutcome { path: string; steps: number; measures: number; fullIds: boolean }

export function writeCaseFile(db: Db, out: string, c: CaseDetail, opts: { workdays: Workdays; showIds?: boolean; force?: boolean; date?: Date; beforeCommit?: () => void }): Promise<CaseFileOutcome> {
  const showIds = opts.showIds === true;
  const date = opts.date ?? new Date();
  const h = c.householdId === null ? undefined
    : (db.prepare('SELECT size, head_id_number, group_name FROM households WHERE id = ?').get(c.householdId) as Household | undefined);
  const signatures = readSignatures(db);
  return writeSmallForm(db, out, opts.force === true, (book) => {
    writeSteps(book, c, h, { showIds, workdays: opts.workdays }, signatures, date);
    const measures = writeMeasures(book, db, c, signatures, date);
    return { path: out, steps: c.steps.length, measures, fullIds: showIds };
  }, opts.beforeCommit);
}
