/**
 * Warnings that keep a row but show both figures: a household's amount written differently on its
 * member rows (cells not merged), a sex that disagrees with the ID, and a category outside the
 * allowed values, including texts that are names of built-in object properties ("constructor").
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeAll(() => {
  tmp = tempDir('import-row-warnings-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

const HEADER = ['户编号', '户主姓名', '姓名', '身份证号码', '性别', '与户主关系', '家庭人口数', '工资性收入', '转移性收入', '劳动技能'];
// Sequence 1 (odd 17th digit): men; 2: women.
const man = (birth: string): string => makeIdNumber('620422', birth, 1);
const woman = (birth: string): string => makeIdNumber('620422', birth, 2);

async function workbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年度脱贫人口收入台账']);
  ws.addRow(HEADER);
  const rows: Array<Array<string | number>> = [
    // A: amounts repeated identically on every member row (not merged): no warning.
    ['A001', '张一', '张一', man('19700101'), '男', '户主', 3, 8000, 1200, '普通劳动力'],
    ['A001', '张一', '李二', woman('19720202'), '女', '配偶', 3, 8000, 1200, '普通劳动力'],
    ['A001', '张一', '张三', man('19990303'), '男', '之子', 3, 8000, 1200, '无劳动力'],
    // B: the spouse's row says 8100 (rows 7): one warning naming both figures; transfer blank there.
    ['B001', '王一', '王一', man('19650404'), '男', '户主', 3, 8000, 1500, '普通劳动力'],
    ['B001', '王一', '赵二', woman('19660505'), '女', '配偶', 3, 8100, '', '普通劳动力'],
    ['B001', '王一', '王三', man('19950606'), '男', '之子', 3, '', '', '无劳动力'],
    // C: the head's sex is written 女, the ID says 男; the labour text is an Object property name.
    ['C001', '刘一', '刘一', man('19600707'), '女', '户主', 1, 5000, 0, 'constructor'],
  ];
  for (const r of rows) ws.addRow(r).getCell(4).numFmt = '@';
  await wb.xlsx.writeFile(path);
}

describe('row warnings that keep the row', () => {
  it('warn about differing household amounts, a sex that disagrees with the ID and an unknown category', async () => {
    const file = tmp.path('郭城驿镇-警告.xlsx');
    await workbook(file);
    const r = await importOne(s, 'commit', file);
    expect(r.errors).toEqual([]);
    expect(r.households.added).toBe(3);
    expect(r.members.added).toBe(7);
    const inconsistent = r.warnings.filter((w) => w.code === 'inconsistent-value');
    expect(inconsistent).toEqual([
      { sheet: '郭城驿镇', row: 7, column: '工资性收入', code: 'inconsistent-value', message: '同一户各行的数值不一致：户主行为“8000”，本行为“8100”（按户主行导入）' },
    ]);
    expect(r.warnings.filter((w) => w.code === 'sex-mismatch')).toEqual([
      { sheet: '郭城驿镇', row: 9, column: '性别', code: 'sex-mismatch', message: '性别填“女”，身份证号码显示为“男”' },
    ]);
    expect(r.warnings.filter((w) => w.code === 'bad-value')).toMatchObject([{ row: 9, column: '劳动技能', message: '劳动技能“constructor”不在可选值中，已留空' }]);
    const db = s.ctx.db;
    expect(db.prepare(`SELECT labour FROM members WHERE name = '刘一'`).pluck().get()).toBeNull();
    expect(db.prepare(`SELECT r.wage_fen FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code = 'B001'`).pluck().get()).toBe(800_000);
    expect(db.prepare(`SELECT labour FROM members WHERE name = '赵二'`).pluck().get()).toBe('普通劳动力');
  });
});
