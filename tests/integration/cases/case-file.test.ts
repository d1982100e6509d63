/**
 * One household's 监测档案 (.xlsx) on a real imported ledger: a case walked from the clue to 风险消除
 * with a 一户一策 plan of two measures; read back, the summary line, every step (state, date,
 * operator, note), the checklist checked at elimination, the late home check and the measures are
 * the stored values; the ID is masked unless asked for with a reason, which is audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

let tmp: TempDir;
let s: Session;
let caseId = 0;
let household: FxHousehold;

beforeAll(async () => {
  tmp = tempDir('case-file-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  const households = makeHouseholds(3);
  household = households[0]!;
  const f = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f, households);
  await importOne(s, 'commit', f, { year: 2024 });
  const db = s.ctx.db;
  const hid = (db.prepare('SELECT id FROM households WHERE code = ?').get(household.code) as { id: number }).id;
  const plan = db.prepare(`INSERT INTO plans (household_id, year, status, target_per_capita_fen, cadre_name) VALUES (?, 2025, '落实中', 1000000, '干部甲')`).run(hid).lastInsertRowid;
  db.prepare(`INSERT INTO plan_measures (plan_id, measure_type, content, scale, funds_fen, department, cadre, deadline, expected_increase_fen, sort)
    VALUES (?, '产业', '养羊30只', '30只', 1500000, '农业农村局', '干部甲', '2025-12', 600000, 0), (?, '就业', '公益岗位保洁', NULL, NULL, '人社局', '干部乙', NULL, NULL, 1)`).run(plan, plan);
  caseId = (await s.call('cases:open', { householdId: hid, source: '一键报贫', date: '2025-09-26', riskTypes: ['因病'] })).id;
  for (const [to, date, extra] of [
    ['入户核实', '2025-10-13', { note: '已入户，签订授权承诺书' }], ['村级评议公示', '2025-10-14', {}], ['乡镇审核', '2025-10-20', {}],
    ['县级审定', '2025-10-21', { category: '边缘易致贫户' }], ['帮扶', '2025-10-22', {}],
    ['风险消除', '2025-12-01', { method: '帮扶消除', confirm: { threeGuarantees: true, drinkingWater: true, noRisk: true } }],
  ] as const) await s.call('cases:advance', { id: caseId, to, date, ...extra });
}, 60_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => String(ws.getCell(r, c).value ?? '');

it('writes the steps, the deadline record and the measures as stored, the ID masked', async () => {
  const out = tmp.path('档案.xlsx');
  const r = await s.call('cases:exportFile', { id: caseId, out });
  expect(r).toEqual({ path: out, steps: 7, measures: 2, fullIds: false });
  await expect(s.call('cases:exportFile', { id: caseId, out })).rejects.toThrow(/文件已存在/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('监测档案')!;
  const head = household.members[0]!;
  const id = String(head.id);
  expect(text(ws, 1, 1)).toBe(`郭城驿镇${household.village}防止返贫监测对象档案（${head.name}户）`);
  const summary = text(ws, 3, 1);
  expect(summary).toContain(`户编号：${household.code}　户主：${head.name}　身份证号：${id.slice(0, 6)}********${id.slice(-4)}`);
  expect(summary).toContain('风险类型：因病　当前状态：风险消除（2025-12-01），已消除风险');
  expect(summary).not.toContain(id);
  const detail = await s.call('cases:get', { id: caseId });
  const steps = Array.from({ length: 7 }, (_, i) => [6, 2, 3, 4, 5, 7].map((c) => ws.getCell(6 + i, c).value ?? null));
  expect(steps).toEqual([
    // Working days over the 2025 National Day holiday (10-01…08 off, 09-28 and 10-11 make-up days).
    ['测试员', '线索', '2025-09-26', 0, null, null], ['测试员', '入户核实', '2025-10-13', 7, 7, '已入户，签订授权承诺书'],
    ['测试员', '村级评议公示', '2025-10-14', 8, 1, null], ['测试员', '乡镇审核', '2025-10-20', 12, 4, null], ['测试员', '县级审定', '2025-10-21', 13, 1, null],
    ['测试员', '帮扶', '2025-10-22', 14, 1, null], ['测试员', '风险消除', '2025-12-01', 42, 28, detail.steps[6]!.note],
  ]);
  expect(text(ws, 13, 1)).toMatch(/^风险消除核对：✔ 家庭人均纯收入高于当年监测范围：2024 年家庭人均纯收入 [\d,.]+ 元，甘肃省 2024 年监测范围 7,800 元（高于）；✔ 义务教育/);
  expect(text(ws, 14, 1)).toBe('时限：识别认定已结束，超期 1 处（见下）；自发现线索（2025-09-26）已用 13 个工作日（扣除周末和节假日）。');
  expect(text(ws, 15, 1)).toBe('超期：入户核实超期 2 个工作日（时限 2025-10-10，完成 2025-10-13）');
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });

  const m = wb.getWorksheet('帮扶措施')!;
  expect(text(m, 3, 1)).toBe('一户一策：2025 年，落实中，措施 2 项');
  const row = (n: number): unknown[] => Array.from({ length: 9 }, (_, i) => m.getCell(n, i + 1).value ?? null);
  expect(row(5)).toEqual([1, '产业', '养羊30只', '30只', 15000, '农业农村局', '干部甲', '2025-12', 6000]);
  expect(row(6)).toEqual([2, '就业', '公益岗位保洁', null, null, '人社局', '干部乙', null, null]);
});

it('writes the full ID only with a reason, and audits it', async () => {
  await expect(s.call('cases:exportFile', { id: caseId, out: tmp.path('full.xlsx'), showIds: true })).rejects.toThrow(/必须填写理由/);
  const r = await s.call('cases:exportFile', { id: caseId, out: tmp.path('full.xlsx'), showIds: true, reason: '县级存档' });
  expect(r?.fullIds).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(tmp.path('full.xlsx'));
  expect(text(wb.getWorksheet('监测档案')!, 3, 1)).toContain(`身份证号：${String(household.members[0]!.id)}`);
  const a = s.ctx.db.prepare(`SELECT action, detail FROM audit_log WHERE action = 'export-full-ids'`).all() as Array<{ detail: string }>;
  expect(a.length).toBe(1);
  expect(JSON.parse(a[0]!.detail)).toMatchObject({ file: 'full.xlsx', reason: '县级存档', form: 'case-file', case: caseId });
});
