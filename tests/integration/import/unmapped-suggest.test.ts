import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-suggest-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

/** A household-level township file whose wage header is a variant no catalogue entry lists verbatim. */
async function writeFile(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['户编号', '户主姓名', '户主证件号码', '家庭人口数', '行政村', '务工所得工资额（元）', '经营净收入', '备用列']);
  ws.addRow(['6204221010010001', '张三', '620422199001011235', 3, '中大村', 12000, 3000.5, '甲']);
  ws.addRow(['6204221010010002', '李四', '620422199002021232', 2, '中大村', '8,000', 0, '']);
  await wb.xlsx.writeFile(path);
}

describe('headers the catalogue does not list', () => {
  it('lists unmapped columns with a 建议 that is not applied, warns on amounts, and stores the wage only once confirmed', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(file);
    const p = await importOne(s, 'preview', file);
    const col = p.sheets[0]!.columns.find((c) => c.header === '务工所得工资额（元）')!;
    expect(col.field).toBeNull();
    expect(col.suggestion?.field).toBe('wage');
    expect(p.unmappedColumns.map((u) => [u.column, u.header, u.sample, u.looksNumeric])).toEqual([
      ['F', '务工所得工资额（元）', '12000', true],
      ['H', '备用列', '甲', false],
    ]);
    // 经营净收入 is a field of its own (net), never gross business income.
    expect(p.sheets[0]!.columns.find((c) => c.header === '经营净收入')!.field).toBe('businessNet');
    const warned = p.warnings.filter((w) => w.code === 'unmapped-amount').map((w) => w.column);
    expect(warned).toEqual(['务工所得工资额（元）']);

    const r = await importOne(s, 'commit', file, { mapping: { '务工所得工资额(元)': 'wage' } });
    expect(r.errors).toEqual([]);
    expect(r.batchId).toBeGreaterThan(0);
    expect(r.unmappedColumns.map((u) => u.header)).toEqual(['备用列']);
    const rows = s.ctx.db.prepare('SELECT r.wage_fen AS w, r.business_net_fen AS b, r.business_gross_fen AS g FROM households h JOIN income_records r ON r.household_id = h.id ORDER BY h.code').all();
    expect(rows).toEqual([{ w: 1200000, b: 300050, g: 0 }, { w: 800000, b: 0, g: 0 }]);
  });
});
