/**
 * 公示名单: the households of one village whose case is at 村级评议公示 (or, with `all`, every case
 * of the village still in identification), for the single village notice of the identification
 * procedure (DOMAIN §3.3). A public notice must not show ID numbers, phone numbers, bank accounts or
 * health status (ibid.), so the sheet carries none of them — not even masked — and no risk types
 * (因病 / 因残 would disclose health). A4 landscape, the shared form layout (title, unit, footer).
 */
import type { Db } from '../db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { FormSheet, openFormWorkbook, readSignatures, type FormColumn } from './layout.ts';
import { formMarks } from './marks.ts';
import { checkTarget } from './run.ts';

const COLUMNS: FormColumn[] = [
  { header: '序号', width: 6, kind: 'seq' }, { header: '乡镇', width: 14, kind: 'text' }, { header: '村', width: 14, kind: 'text' },
  { header: '组', width: 8, kind: 'text' }, { header: '户主姓名', width: 12, kind: 'text' }, { header: '家庭人口（人）', width: 10, kind: 'count' },
  { header: '拟纳入类别', width: 16, kind: 'text' }, { header: '村级评议公示日期', width: 16, kind: 'text' }, { header: '备注', width: 20, kind: 'text' },
];

interface Row { township: string; village: string; group_name: string | null; head_name: string; size: number | null; category: string | null; notice: string | null }

export interface NoticeOutcome { path: string; rows: number; villageName: string }

export async function writeCaseNotice(db: Db, out: string, village: string, noticeDays: number): Promise<NoticeOutcome> {
  checkTarget(out);
  const v = db.prepare(`SELECT v.name, t.name AS tname FROM regions v JOIN regions t ON t.code = v.parent_code WHERE v.code = ? AND v.level = 'village'`)
    .get(village) as { name: string; tname: string } | undefined;
  if (!v) throw new AppError('validation', `没有代码为 ${village} 的村。`);
  const rows = db.prepare(
    `SELECT t.name AS township, vr.name AS village, h.group_name, c.head_name, h.size, c.category,
       (SELECT max(step_date) FROM case_steps s WHERE s.case_id = c.id AND s.state = '村级评议公示') AS notice
     FROM monitoring_cases c JOIN regions t ON t.code = c.township_code JOIN regions vr ON vr.code = c.village_code
     LEFT JOIN households h ON h.id = c.household_id
     WHERE c.village_code = ? AND c.state = '村级评议公示' ORDER BY c.clue_date, c.id`,
  ).all(village) as Row[];
  const book = openFormWorkbook(out, formMarks(db));
  const sheet = new FormSheet(book, COLUMNS, {
    title: `${v.tname}${v.name}防止返贫监测对象识别公示名单`, signatures: readSignatures(db), sheetName: '公示名单', paper: 'A4',
  });
  rows.forEach((r, i) => sheet.addRow([i + 1, r.township, r.village, r.group_name ?? '', r.head_name, r.size, r.category ?? '待县级审定', r.notice ?? '', '']));
  if (rows.length === 0) sheet.addMergedRow('本村当前没有处于村级评议公示阶段的监测对象。', 'note');
  sheet.addMergedRow(
    `说明：以上农户经入户核实、村级民主评议，拟申请纳入防止返贫监测对象，现予公示，公示期不少于 ${noticeDays} 天。如有异议，请在公示期内向村委会或乡镇反映。` +
      '依规定，公示内容不含身份证号码、联系电话、银行账户和健康状况。',
    'note', 48,
  );
  sheet.finish();
  await book.commit();
  return { path: out, rows: rows.length, villageName: `${v.tname}${v.name}` };
}
