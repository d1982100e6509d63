/**
 * Formula cells saved without a computed result (WPS, scripts, manual calculation): exceljs writes
 * `{ formula }` without `result` as an <f> with no <v>, exactly what such a file holds.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-formula-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const HEADERS = ['户编号', '户主姓名', '姓名', '身份证号码', '与户主关系', '家庭人口数', '工资性收入（元）', '生产经营性收入', '生产经营性支出',
  '财产性收入', '转移性收入（元）', '家庭纯收入', '人均纯收入', '低保金', '养老金'];
const formula = (f: string): ExcelJS.CellFormulaValue => ({ formula: f }) as ExcelJS.CellFormulaValue;

interface Hh {
  code: string;
  people: Array<[name: string, id: string, relation: string]>;
  /** Wage, business gross, business expense, property; transfer is the formula N+O. */
  income: [number, number, number, number];
  /** The head's name as a formula (an identifying cell: refuses the household). */
  nameFormula?: boolean;
}

/** A member-level sheet: transfer, net and per-capita of the head row are formulas without results. */
async function writeWorkbook(path: string, households: Hh[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年度脱贫人口收入台账']);
  ws.addRow(HEADERS);
  for (const h of households) {
    h.people.forEach(([name, id, relation], k) => {
      const row = ws.addRow([h.code, h.people[0]![0], name, id, relation, k === 0 ? h.people.length : null]);
      row.getCell(4).numFmt = '@';
      if (k > 0) return;
      const n = row.number;
      h.income.forEach((v, i) => (row.getCell(7 + i).value = v));
      row.getCell(11).value = formula(`N${n}+O${n}`);
      row.getCell(12).value = formula(`G${n}+H${n}-I${n}+J${n}+K${n}`);
      row.getCell(13).value = formula(`L${n}/F${n}`);
      row.getCell(14).value = 1200;
      row.getCell(15).value = 800;
      if (h.nameFormula) row.getCell(3).value = formula(`B${n}`);
    });
  }
  await wb.xlsx.writeFile(path);
}

const id = (seq: number): string => makeIdNumber('620422', `19${60 + seq}0101`, seq);

describe('formula cells without a computed result', () => {
  it('imports the household with the formula income as blank and reports a warning per cell with its row and header', async () => {
    const file = tmp.path('郭城驿镇.xlsx');
    await writeWorkbook(file, [
      { code: '620422101001000001', people: [['张建国', id(1), '户主'], ['李秀英', id(2), '配偶']], income: [9000, 3000, 1000, 150] },
      { code: '620422101001000002', people: [['王志强', id(3), '户主']], income: [5000, 0, 0, 0], nameFormula: true },
    ]);
    const r = await importOne(s, 'commit', file);
    expect(r.batchId).not.toBeNull();
    expect(r.households).toEqual({ added: 1, updated: 0, unchanged: 0, refused: 1 });
    expect(r.members.added).toBe(2);
    // The refused household's income formulas are reported too: the township fixes the whole file.
    expect(r.warnings.map((w) => [w.sheet, w.row, w.column, w.code])).toEqual([3, 5].flatMap((row) => [
      ['郭城驿镇', row, '转移性收入（元）', 'formula-no-value'],
      ['郭城驿镇', row, '家庭纯收入', 'formula-no-value'],
      ['郭城驿镇', row, '人均纯收入', 'formula-no-value'],
    ]));
    expect(r.warnings[0]!.message).toBe('单元格是公式（=N3+O3）但文件中没有计算结果（保存前未重新计算），按空白处理；请在 Excel/WPS 中打开、保存后重新导入');
    expect(r.warnings[1]!.message).toContain('=G3+H3-I3+J3+K3');

    // A person's name from a formula nobody computed cannot be matched: that household is refused.
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[5, '姓名', 'formula-no-value']]);
    expect(r.errors[0]!.message).toContain('（=B5）');

    const stored = s.ctx.db.prepare(`SELECT r.size, r.wage_fen, r.business_gross_fen, r.business_expense_fen, r.property_fen, r.transfer_fen, r.net_fen
      FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code = ?`).get('620422101001000001');
    expect(stored).toEqual({ size: 2, wage_fen: 900000, business_gross_fen: 300000, business_expense_fen: 100000, property_fen: 15000, transfer_fen: 0, net_fen: 1115000 });
    expect(s.ctx.db.prepare('SELECT count(*) AS n FROM households WHERE code = ?').get('620422101001000002')).toEqual({ n: 0 });
    const saved = s.ctx.db.prepare(`SELECT severity, row, col FROM import_row_errors WHERE batch_id = ? AND code = 'formula-no-value' AND row = 3 ORDER BY id`).all(r.batchId);
    expect(saved).toEqual(['转移性收入（元）', '家庭纯收入', '人均纯收入'].map((col) => ({ severity: 'warning', row: 3, col })));
  });
});
