/**
 * 经营净收入 as a field of its own (issue #15): a township file with net business income and no
 * gross/expense split is stored as such — never as gross — and the ledger, the stats, the full-ledger
 * export and the analysis all show the same per-capita: (wage + businessNet + property + transfer) ÷
 * persons. A file with the split still works, and a re-import that replaces one by the other is
 * reported field by field and undone exactly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { computeStats } from '../../../electron/analysis/stats.ts';
import { runExport } from '../../../electron/export/run.ts';
import { householdDetail } from '../../../electron/db/queries/ledger-detail.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-business-net-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

const HH = makeHouseholds(3);
/** Yuan per household: wage, business (net or [gross, expense]), property, transfer; size. */
interface Figures { wage: number; business: number | [number, number]; property: number; transfer: number; size: number }
const NET_ONLY: Figures[] = [
  { wage: 12000, business: 3000.5, property: 200, transfer: 1500, size: 3 },
  { wage: 8000, business: -400, property: 0, transfer: 2600, size: 2 },
  { wage: 0, business: 9100, property: 100, transfer: 4000, size: 4 },
];

const businessNet = (f: Figures): number => (typeof f.business === 'number' ? f.business : f.business[0] - f.business[1]);
const netOf = (f: Figures): number => Math.round((f.wage + businessNet(f) + f.property + f.transfer) * 100) / 100;

/** A household-level township sheet; `businessHeaders` are the business columns as the township names them. */
async function writeFile(path: string, figures: Figures[], businessHeaders: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['户编号', '户主姓名', '户主证件号码', '家庭人口数', '行政村', '工资性收入', ...businessHeaders, '财产性收入', '转移性收入', '家庭纯收入', '人均纯收入']);
  figures.forEach((f, i) => {
    const h = HH[i]!;
    const business = typeof f.business === 'number' ? [f.business] : f.business;
    const net = netOf(f);
    ws.addRow([h.code, h.members[0]!.name, String(h.members[0]!.id), f.size, '中大村', f.wage, ...business, f.property, f.transfer, net, Math.round((net / f.size) * 100) / 100]);
  });
  await wb.xlsx.writeFile(path);
}

function incomeRows(): Array<{ gross: number; expense: number; bnet: number | null; net: number }> {
  return s.ctx.db.prepare(`SELECT r.business_gross_fen AS gross, r.business_expense_fen AS expense, r.business_net_fen AS bnet, r.net_fen AS net
    FROM income_records r JOIN households h ON h.id = r.household_id ORDER BY h.code`).all() as Array<{ gross: number; expense: number; bnet: number | null; net: number }>;
}

const fen = (y: number): number => Math.round(y * 100);

describe('经营净收入 without a gross/expense split', () => {
  it('is stored as net business income, never as gross, and per-capita uses it in ledger, stats, export and analysis', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    // A township variant not verbatim in the catalogue: unit and full-width bracket.
    await writeFile(file, NET_ONLY, ['经营净收入（元）']);
    const r = await importOne(s, 'commit', file);
    expect(r.errors).toEqual([]);
    expect(r.consistency.message).toBeNull();
    expect(r.sheets[0]!.columns.find((c) => c.header === '经营净收入（元）')!.field).toBe('businessNet');
    expect(r.unmappedColumns).toEqual([]);
    expect(incomeRows()).toEqual(NET_ONLY.map((f) => ({ gross: 0, expense: 0, bnet: fen(businessNet(f)), net: fen(netOf(f)) })));

    // Ledger detail: the household page's figures.
    const ids = s.ctx.db.prepare('SELECT id FROM households ORDER BY code').pluck().all() as number[];
    const detail = householdDetail(s.ctx.db, ids[0]!, 2024);
    const y = detail.incomes.find((i) => i.year === 2024)!;
    expect([y.businessGross, y.businessExpense, y.businessNet, y.businessNetOnly, y.net, y.perCapita]).toEqual([0, 0, 3000.5, true, 16700.5, 5566.83]);

    // Stats (what 首页, 增收分析 and the forms read): Σ net ÷ Σ persons, business component = Σ businessNet.
    const stats = computeStats(s.ctx.db, { year: 2024, by: 'village', township: '620422101' });
    const sumNet = NET_ONLY.reduce((a, f) => a + netOf(f), 0);
    const persons = NET_ONLY.reduce((a, f) => a + f.size, 0);
    expect(stats.total.persons).toBe(persons);
    expect(stats.total.perCapitaNet).toBe(Math.round((sumNet / persons) * 100) / 100);
    expect(stats.total.business).toBe(Math.round((NET_ONLY.reduce((a, f) => a + businessNet(f), 0) / persons) * 100) / 100);

    // The full-ledger export shows the net as a figure of its own and the same per-capita.
    const out = tmp.path('台账.xlsx');
    await runExport(s.ctx.db, 'ledger', out, { township: '620422101', year: 2024 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    const at = (h: string): number => headers.indexOf(h) + 1;
    const first = ws.getRow(4);
    expect([first.getCell(at('生产经营性收入')).value, first.getCell(at('生产经营性支出')).value, first.getCell(at('经营净收入')).value,
      first.getCell(at('家庭纯收入')).value, first.getCell(at('人均纯收入')).value]).toEqual([0, 0, 3000.5, 16700.5, 5566.83]);
  });

  it('a file with gross and expense still stores the split; both given and disagreeing keeps the split with a warning', async () => {
    const split: Figures[] = [
      { wage: 12000, business: [5000, 1999.5], property: 200, transfer: 1500, size: 3 },
      { wage: 8000, business: [0, 0], property: 0, transfer: 2600, size: 2 },
    ];
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(file, split, ['生产经营性收入', '生产经营性支出']);
    const r = await importOne(s, 'commit', file);
    expect(r.errors).toEqual([]);
    expect(incomeRows()).toEqual([
      { gross: 500000, expense: 199950, bnet: null, net: fen(netOf(split[0]!)) },
      { gross: 0, expense: 0, bnet: null, net: fen(netOf(split[1]!)) },
    ]);

    const both = tmp.path('郭城驿镇2024-复核.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('郭城驿镇');
    ws.addRow(['户编号', '户主姓名', '户主证件号码', '家庭人口数', '行政村', '生产经营性收入', '生产经营性支出', '经营性净收入']);
    ws.addRow([HH[0]!.code, HH[0]!.members[0]!.name, String(HH[0]!.members[0]!.id), 3, '中大村', 5000, 1999.5, 2500]);
    await wb.xlsx.writeFile(both);
    const p = await importOne(s, 'preview', both);
    const w = p.warnings.find((x) => x.code === 'business-net-mismatch');
    expect(w?.message).toBe('经营净收入填 2500.00，生产经营性收入 5000.00 − 生产经营性支出 1999.50 = 3000.50（台账保存收入与支出，经营净收入按两者计算为 3000.50）');
  });

  it('a re-import that replaces the split by a net figure is reported field by field and undone exactly', async () => {
    const split: Figures[] = [{ wage: 12000, business: [5000, 1000], property: 200, transfer: 1500, size: 3 }];
    const a = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(a, split, ['生产经营性收入', '生产经营性支出']);
    await importOne(s, 'commit', a);
    const before = incomeRows();

    const b = tmp.path('郭城驿镇2024-更正.xlsx');
    await writeFile(b, [{ ...split[0]!, business: 3500 }], ['生产经营性净收入']);
    const r = await importOne(s, 'commit', b);
    expect(r.errors).toEqual([]);
    expect(incomeRows()).toEqual([{ gross: 0, expense: 0, bnet: 350000, net: fen(12000 + 3500 + 200 + 1500) }]);
    expect(r.changes.map((c) => [c.field, c.old, c.new])).toEqual([
      ['2024 年生产经营性收入', '5000.00', '0.00'], ['2024 年生产经营性支出', '1000.00', '0.00'], ['2024 年经营净收入', null, '3500.00'],
    ]);
    await s.call('import:undo', { batchId: r.batchId! });
    expect(incomeRows()).toEqual(before);
  });
});
