/**
 * 数据核查 end to end on a small demo ledger: a baseline run, then planted problems and department
 * lists written by the test (three layouts, a 15-digit ID, full-width digits, an ID not in the ledger,
 * a name mismatch, an invalid ID). Each planted rule adds exactly the planted findings; an exemption
 * survives a re-run; a corrected household closes its finding by data; a township workbook goes out
 * and comes back answered.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/types.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

let t: TempDir;
let s: Session;
let db: Db;
type Row = Record<string, unknown>;

async function sheet(path: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}
const fullWidth = (id: string): string => id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const to15 = (id: string): string => id.slice(0, 6) + id.slice(8, 17);
const addedOf = async (rule: string, runId: number): Promise<string[]> =>
  (db.prepare('SELECT fkey FROM check_findings WHERE rule = ? AND first_run_id = ? ORDER BY fkey').pluck().all(rule, runId) as string[]);

let year: number;
let baseRun: number;
const planted: Record<string, string[]> = {};
let members: Row[];

beforeAll(async () => {
  t = tempDir('checks-');
  s = demoSession(t.path('l.db'));
  db = s.ctx.db;
  const base = await s.call('checks:run', {});
  year = base.year;
  baseRun = base.runId;
  // Members of households whose head is born in the 1900s (so a 15-digit form exists), none flagged yet.
  members = db.prepare(`SELECT m.id, m.household_id AS hid, m.name, m.relation, m.id_number, h.household_type, h.township_code FROM members m JOIN households h ON h.id = m.household_id
    WHERE substr(m.birth_date,1,2) = '19' AND NOT EXISTS (SELECT 1 FROM check_findings f WHERE f.household_id = h.id)
    ORDER BY m.id LIMIT 400`).all() as Row[];
  const distinctHh = (n: number, skip: number): Row[] => {
    const seen = new Set<unknown>();
    return members.filter((m) => (seen.has(m.hid) ? false : (seen.add(m.hid), true))).slice(skip, skip + n);
  };
  const [a, b, d, e, f, g] = distinctHh(6, 0);
  // Not a head: changing a head's ID would also (rightly) trip L16.
  const c = members.find((m) => m.relation !== '户主' && ![a, b, d, e, f, g].some((x) => x!.hid === m.hid));
  // L06: 风险类型 其他 without a note.
  db.prepare(`UPDATE households SET risk_types = '["其他"]', note = NULL WHERE id = ?`).run(a!.hid);
  planted.L06 = [`${String(a!.hid)}:`];
  // L10: registered size one more than the members.
  db.prepare('UPDATE households SET size = size + 1 WHERE id = ?').run(b!.hid);
  planted.L10 = [`${String(b!.hid)}:`];
  // L07: a member born in 1900.
  db.prepare('UPDATE members SET id_number = ? WHERE id = ?').run(makeIdNumber('620402', '19000101', 7), c!.id);
  planted.L07 = [`${String(c!.hid)}:${String(c!.id)}`];
  const dead = await sheet(t.path('死亡.xlsx'), [
    ['2025年死亡人员名单（民政局）'],
    ['序号', '死者姓名', '公民身份证号码', '死亡日期'],
    [1, d!.name, to15(d!.id_number as string), '2025-03-01'],
    [2, e!.name, fullWidth(e!.id_number as string), '2025-04-01'],
    [3, `${String(f!.name)}某`, f!.id_number, '2025-05-01'],
    [4, '外县人', makeIdNumber('620102', '19600101', 11), '2025-05-02'],
    [5, '错号人', '12345', '2025-05-03'],
  ]);
  const added = await s.call('checks:add-source', { path: dead, dept: '民政局', kind: '死亡', asOf: '2025-06-30' });
  expect(added.source.counts).toEqual({ rows: 5, matched: 3, notInLedger: 1, nameDiffers: 1, invalidIds: 1 });
  expect(added.invalidIds[0]).toMatch(/死亡\.xlsx 第 7 行“公民身份证号码”列/);
  planted.X01 = [d!, e!, f!].map((m) => `${String(m.hid)}:${String(m.id)}`).sort();
  const fiscal = await sheet(t.path('财政.xlsx'), [['身份证号码', '姓名', '单位'], [g!.id_number, g!.name, '某局']]);
  await s.call('checks:add-source', { path: fiscal, dept: '财政局', kind: '财政供养', asOf: '2025-06-30' });
  planted.X02 = [`${String(g!.hid)}:${String(g!.id)}`];
}, 60_000);

afterAll(async () => {
  await s.close();
  t.remove();
});

describe('数据核查', () => {
  it('each planted rule adds exactly the planted findings', async () => {
    const r = await s.call('checks:run', {});
    for (const [rule, keys] of Object.entries(planted)) expect(await addedOf(rule, r.runId), rule).toEqual([...keys].sort());
    expect(r.added).toBe(Object.values(planted).flat().length);
    expect(r.closedByData).toBe(0);
    expect(baseRun).toBeLessThan(r.runId);
    expect(r.year).toBe(year);
  });

  it('an exemption survives a re-run and a correction closes by data', async () => {
    const x01 = await s.call('checks:findings', { rule: 'X01' });
    await s.call('checks:set-state', { id: x01[0]!.id, state: 'exempt', reason: '已核实为同名不同人' });
    await expect(s.call('checks:set-state', { id: x01[1]!.id, state: 'exempt' })).rejects.toThrow(/豁免须填写理由/);
    const hid = Number(planted.L10![0]!.split(':')[0]);
    db.prepare('UPDATE households SET size = size - 1 WHERE id = ?').run(hid);
    const r = await s.call('checks:run', {});
    expect(r.closedByData).toBe(1);
    expect(r.added).toBe(0);
    const after = await s.call('checks:findings', { rule: 'X01' });
    expect(after.find((f) => f.id === x01[0]!.id)?.state).toBe('exempt');
    const l10 = await s.call('checks:findings', { rule: 'L10', state: 'closed_by_data' });
    expect(l10.map((f) => f.householdId)).toContain(hid);
    expect(x01.every((f) => f.memberId === null || /\*{8}/.test(f.memberId))).toBe(true);
  });

  it('a township workbook goes out and comes back answered', async () => {
    const hid = Number(planted.L06![0]!.split(':')[0]);
    const town = db.prepare('SELECT township_code FROM households WHERE id = ?').pluck().get(hid) as string;
    const out = t.path('town.xlsx');
    const ex = await s.call('checks:export-township', { township: town, out });
    const open = (await s.call('checks:findings', { township: town })).filter((f) => f.state !== 'closed_by_data');
    expect(ex.findings).toBe(open.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const rowOf = (id: number): ExcelJS.Row => { for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r); throw new Error(`no row ${id}`); };
    const l06 = open.find((f) => f.rule === 'L06' && f.householdId === hid)!;
    const other = open.find((f) => f.id !== l06.id)!;
    rowOf(l06.id).getCell(9).value = '已整改';
    rowOf(other.id).getCell(9).value = '豁免';
    await wb.xlsx.writeFile(t.path('bad.xlsx'));
    await expect(s.call('checks:answer', { path: t.path('bad.xlsx') })).rejects.toThrow(/bad\.xlsx 第 \d+ 行“答复说明”列：豁免须写明理由/);
    expect((await s.call('checks:findings', { township: town, state: 'open' })).length).toBe(open.filter((f) => f.state === 'open').length);
    rowOf(other.id).getCell(10).value = '户已分户，待下年更新';
    await wb.xlsx.writeFile(t.path('answered.xlsx'));
    const ans = await s.call('checks:answer', { path: t.path('answered.xlsx') });
    expect(ans.updated).toBe(2);
    const rates = await s.call('checks:closure', {});
    const l06Rate = rates.find((r) => r.townshipCode === town && r.rule === 'L06')!;
    expect(l06Rate.closed).toBeGreaterThanOrEqual(1);
    // 已整改 but the data still says so: the next run reopens it and says how many.
    const r = await s.call('checks:run', {});
    expect(r.reopened).toBe(1);
    expect((await s.call('checks:findings', { rule: 'L06' })).find((f) => f.id === l06.id)?.state).toBe('open');
  });

  it('a threshold is stored and audited, and a whole source can be deleted', async () => {
    const th = await s.call('checks:set-threshold', { key: 'maxAge', value: 130 });
    expect(th).toEqual({ key: 'maxAge', old: 100, value: 130 });
    const r = await s.call('checks:run', {});
    expect(r.byRule.L07 ?? 0).toBe(0);
    const src = await s.call('checks:sources', {});
    const del = await s.call('checks:delete-source', { id: src[0]!.id });
    expect(del.deleted).toBe(5);
    expect(db.prepare('SELECT count(*) FROM check_source_rows WHERE source_id = ?').pluck().get(src[0]!.id)).toBe(0);
    const acts = db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'checks:%'`).pluck().all() as string[];
    expect(new Set(acts)).toEqual(new Set(['checks:run', 'checks:source-add', 'checks:finding-state', 'checks:threshold', 'checks:source-delete']));
  });
});
