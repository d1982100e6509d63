/**
 * 防止返贫监测对象月报: the monthly summary of a county as three forms — cases by state at the month's
 * end with the month's new clues, inclusions and eliminations; the monitored households by category
 * (with those whose risk is eliminated); and by risk type. Townships in rows, 合计 last. The summary
 * is computed by the service (cases/) and handed in.
 */
import type { MonthlyResult } from '../../shared/api/cases.ts';
import { CATEGORY_KEYS, type MonthlyCounts } from '../../shared/cases/monthly.ts';
import { CASE_STATES } from '../../shared/cases/states.ts';
import { RISK_TYPES } from '../../shared/domain/plans.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, readSignatures, type CellValue, type FormColumn, type FormWorkbook, type Signatures } from './layout.ts';
import { writeSmallForm } from './small-form.ts';

const LEAD: FormColumn[] = [{ header: '序号', width: 6, kind: 'seq' }, { header: '乡镇', width: 14, kind: 'text' }];
/** A count column wide enough for its (last) header line: about two width units per Chinese character. */
const count = (header: string | readonly string[], width?: number): FormColumn => {
  const text = typeof header === 'string' ? header : header[header.length - 1] ?? '';
  return { header, width: width ?? Math.max(8, text.length * 2 + 1), kind: 'count' };
};

interface Form { sheet: string; suffix: string; columns: FormColumn[]; cells: (c: MonthlyCounts) => CellValue[]; note: string }

const FORMS: readonly Form[] = [
  {
    sheet: '按状态', suffix: '（按办理状态）',
    columns: [...LEAD, ...CASE_STATES.map((s) => count(['月末所处状态（户）', s])), count('合计'), ...['新增线索', '纳入监测', '风险消除'].map((s) => count(['本月办理（户）', s]))],
    cells: (c) => [...CASE_STATES.map((s) => c.states[s]), CASE_STATES.reduce((n, s) => n + c.states[s], 0), c.newClues, c.newlyMonitored, c.eliminated],
    note: '说明：月末所处状态按各户截至月末最后一个办理步骤统计；本月办理按步骤日期落在本月统计。',
  },
  {
    sheet: '按类别', suffix: '（按监测对象类别）',
    columns: [...LEAD, count(['纳入监测（户）', '合计']), count(['纳入监测（户）', '其中风险已消除']),
      ...CATEGORY_KEYS.flatMap((k) => [count([k, '合计']), count([k, '其中风险已消除'])])],
    cells: (c) => [c.monitored, c.monitoredEliminated, ...CATEGORY_KEYS.flatMap((k) => [c.categories[k].all, c.categories[k].eliminated])],
    note: '说明：纳入监测指截至月末已经县级审定的户（含帮扶、继续监测和风险已消除的户）。',
  },
  {
    sheet: '按风险类型', suffix: '（按风险类型）',
    columns: [...LEAD, count('纳入监测（户）', 12), ...RISK_TYPES.map((r) => count(['风险类型（户）', r]))],
    cells: (c) => [c.monitored, ...RISK_TYPES.map((r) => c.risks[r] ?? 0)],
    note: '说明：一户有多种风险类型时在每种类型下各计一次，各类型之和可大于户数。',
  },
];

function writeForm(book: FormWorkbook, m: MonthlyResult, f: Form, signatures: Signatures, date: Date): void {
  const [y, mo] = m.month.split('-');
  const sheet = new FormSheet(book, f.columns, {
    title: `${m.countyName}${y}年${Number(mo)}月防止返贫监测对象月报${f.suffix}`, signatures, sheetName: f.sheet,
    unitLine: `统计期：${m.from} 至 ${m.to}　单位：户`, frozenColumns: 2, paper: 'A4', date,
  });
  m.rows.forEach((r, i) => sheet.addRow([i + 1, r.name, ...f.cells(r)]));
  sheet.addRow([null, '合计', ...f.cells(m.total)], 'total');
  sheet.addMergedRow(f.note, 'note', 30);
  sheet.finish();
}

export function writeCaseMonthly(db: Db, out: string, m: MonthlyResult, opts: { force?: boolean; date?: Date } = {}): Promise<{ path: string; cases: number }> {
  const signatures = readSignatures(db);
  const date = opts.date ?? new Date();
  return writeSmallForm(db, out, opts.force === true, (book) => {
    for (const f of FORMS) writeForm(book, m, f, signatures, date);
    return { path: out, cases: CASE_STATES.reduce((n, s) => n + m.total.states[s], 0) };
  });
}
