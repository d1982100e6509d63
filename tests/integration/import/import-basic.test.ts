import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, net, writeMemberWorkbook } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-basic-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

describe('importing a member-level township workbook', () => {
  it('reads the merged two-row header, merged household cells, skips 合计/footer/notes, and stores fen', async () => {
    const hh = makeHouseholds(12);
    hh[1]!.textAmounts = true;
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeMemberWorkbook(file, hh);
    const preview = await importOne(s, 'preview', file);
    expect(preview.errors).toEqual([]);
    expect(preview.households).toEqual({ added: 12, updated: 0, unchanged: 0, refused: 0 });
    expect(preview.members.added).toBe(hh.reduce((a, h) => a + h.members.length, 0));
    expect(preview.batchId).toBeNull();
    expect((s.ctx.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(0);
    const sheet = preview.sheets.find((x) => x.name === '郭城驿镇')!;
    expect(sheet.headerRows).toEqual([3, 4]);
    expect(sheet.columns.find((c) => c.field === 'wage')?.header).toBe('工资性收入');
    expect(preview.sheets.find((x) => x.name === '填表说明')?.skipped).toMatch(/说明/);
    expect(preview.township).toBe('郭城驿镇');
    expect(preview.year).toBe(2024);

    const r = await importOne(s, 'commit', file);
    expect(r.batchId).toBeGreaterThan(0);
    expect(r.households.added).toBe(12);
    const db = s.ctx.db;
    const h2 = db.prepare(`SELECT h.*, r.* FROM households h JOIN income_records r ON r.household_id = h.id WHERE h.code = ?`).get(hh[1]!.code) as Record<string, unknown>;
    expect(h2.township_code).toBe('620422101');
    expect(h2.wage_fen).toBe(Math.round(hh[1]!.income[0] * 100));
    expect(h2.transfer_fen).toBe(120025);
    expect(h2.net_fen).toBe(Math.round(net(hh[1]!) * 100));
    expect(h2.size).toBe(2);
    expect(h2.year).toBe(2024);
    expect(h2.head_name).toBe(hh[1]!.members[0]!.name);
    const members = db.prepare(`SELECT m.name, m.relation, m.labour, m.work_place_class FROM members m JOIN households h ON h.id = m.household_id WHERE h.code = ? ORDER BY m.id`).all(hh[5]!.code);
    expect(members).toHaveLength(6);
    expect(members[0]).toEqual({ name: hh[5]!.members[0]!.name, relation: '户主', labour: '普通劳动力', work_place_class: '省外' });
    const village = db.prepare(`SELECT r.name FROM households h JOIN regions r ON r.code = h.village_code WHERE h.code = ?`).get(hh[0]!.code) as { name: string };
    expect(village.name).toBe('中大村');
    expect((db.prepare('SELECT relocated FROM households WHERE code = ?').get(hh[0]!.code) as { relocated: number }).relocated).toBe(1);
  });
});
