/**
 * 采集进度通报: the 年度采集 board as the daily bulletin a county sends its townships — each township's
 * state, counts, 采集率, refused rows, open findings, the year-over-year checks and natural changes,
 * with a 合计 row; a second sheet lists the townships still to send (催报名单). The board is computed
 * by the service (campaign/ is a sibling layer) and handed in, so the workbook shows exactly what the
 * board on screen shows.
 */
import type { BoardResult, BoardRow } from '../../shared/api/campaign.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, readSignatures, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';
import { writeSmallForm } from './small-form.ts';

const YOY = '与上年比对（户）';

function columns(jumpRate: number): FormColumn[] {
  return [
    { header: '序号', width: 6, kind: 'seq' }, { header: '乡镇', width: 14, kind: 'text' }, { header: '报送状态', width: 12, kind: 'text' },
    { header: '台账户数', width: 9, kind: 'count' }, { header: '已采集户数', width: 9, kind: 'count' }, { header: '采集率', width: 8, kind: 'percent' },
    { header: '拒收行数', width: 8, kind: 'count' }, { header: '待整改问题（条）', width: 9, kind: 'count' },
    { header: [YOY, '上年有本年无'], width: 12, kind: 'count' }, { header: [YOY, '本年新增'], width: 8, kind: 'count' },
    { header: [YOY, '人口变化'], width: 8, kind: 'count' }, { header: [YOY, `人均收入变动超±${Math.round(jumpRate * 100)}%`], width: 17, kind: 'count' },
    { header: [YOY, '收入项消失'], width: 9, kind: 'count' }, { header: '自然变更（条）', width: 9, kind: 'count' },
    { header: '最近导入日期', width: 12, kind: 'text' },
  ];
}

type Counts = Pick<BoardRow, 'households' | 'withIncome' | 'rate' | 'refusedRows' | 'openFindings' | 'yoy' | 'changes'>;

function countCells(r: Counts): CellValue[] {
  const y = r.yoy;
  return [r.households, r.withIncome, r.rate, r.refusedRows, r.openFindings, y.missing, y.added, y.sizeChanged, y.jumps, y.vanished, r.changes];
}

const lastImport = (r: BoardRow): string => r.batches.reduce((m, b) => (b.createdAt > m ? b.createdAt : m), '').slice(0, 10);

function writeBoardSheet(book: FormWorkbook, b: BoardResult, db: Db, date: Date): number {
  const sheet = new FormSheet(book, columns(b.jumpRate), {
    title: `${b.countyName}${b.year}年脱贫人口收入信息采集进度通报`, signatures: readSignatures(db), sheetName: '采集进度通报',
    unitLine: '单位：户、条', frozenColumns: 2, paper: 'A4', date,
  });
  b.rows.forEach((r, i) => sheet.addRow([i + 1, r.name, r.state, ...countCells(r), lastImport(r)]));
  sheet.addRow([null, '合计', `${b.rows.length - b.reminders.length}/${b.rows.length} 已报送`, ...countCells(b.total), null], 'total');
  const reminder = b.reminders.length ? `尚未报送（${b.reminders.length} 个）：${b.reminders.map((r) => r.name).join('、')}` : '各乡镇均已报送。';
  // A merged cell does not grow with its text: about 70 characters fit on a line across the sheet.
  sheet.addMergedRow(reminder, 'band', 18 * Math.ceil(reminder.length / 70));
  sheet.addMergedRow(
    '说明：采集率＝本年有收入记录的户÷台账中的户；“上年有本年无”为上年有收入记录、本年没有的户；“收入项消失”为上年大于零、本年为零的工资性、经营净、财产净或转移净收入；' +
      '报送状态“有问题待整改”指有拒收行或数据核查问题未整改，“已完成”指全部户已采集且无待整改问题。“已报送未导入”需登记收件，本软件暂未提供。',
    'note', 48,
  );
  sheet.finish();
  return b.rows.length;
}

function writeReminderSheet(book: FormWorkbook, b: BoardResult, db: Db, date: Date): void {
  const sheet = new FormSheet(book, [
    { header: '序号', width: 6, kind: 'seq' }, { header: '乡镇', width: 16, kind: 'text' }, { header: '台账户数', width: 10, kind: 'count' },
    { header: '上年有收入记录、本年未报（户）', width: 22, kind: 'count' }, { header: '报送时限', width: 14, kind: 'text' }, { header: '备注', width: 24, kind: 'text' },
  ], { title: `${b.countyName}${b.year}年收入信息采集催报名单`, signatures: readSignatures(db), sheetName: '催报名单', unitLine: '单位：户', paper: 'A4', date });
  const byCode = new Map(b.rows.map((r) => [r.code, r]));
  b.reminders.forEach((m, i) => {
    const r = byCode.get(m.code);
    sheet.addRow([i + 1, m.name, r?.households ?? null, r?.yoy.missing ?? null, '', '']);
  });
  if (b.reminders.length === 0) sheet.addMergedRow('各乡镇均已报送，无需催报。', 'note');
  sheet.finish();
}

export interface BulletinOutcome { path: string; rows: number; reminders: number }

export function writeBulletin(db: Db, out: string, board: BoardResult, opts: { force?: boolean; date?: Date } = {}): Promise<BulletinOutcome> {
  const date = opts.date ?? new Date();
  return writeSmallForm(db, out, opts.force === true, (book) => {
    const rows = writeBoardSheet(book, board, db, date);
    writeReminderSheet(book, board, db, date);
    return { path: out, rows, reminders: board.reminders.length };
  });
}
