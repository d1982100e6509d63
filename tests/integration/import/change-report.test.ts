/**
 * The change report of a re-import: old → new per field, the same in the preview, the commit, the
 * batch history and the error workbook's 变更明细 sheet; undo restores exactly those values.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { maskIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir('import-changes-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

describe('change report', () => {
  it('lists old → new in preview, commit, history and the workbook; undo restores exactly those', async () => {
    const hh = makeHouseholds(6);
    const v1 = tmp.path('v1.xlsx');
    await writeMemberWorkbook(v1, hh);
    await importOne(s, 'commit', v1);
    const afterFirst = snapshot(s);

    const fixed = structuredClone(hh);
    fixed[2]!.income[0] = 12345.67;
    fixed[3]!.members[1]!.labour = '技能劳动力';
    fixed[4]!.relocated = true;
    const v2 = tmp.path('v2.xlsx');
    await writeMemberWorkbook(v2, fixed);
    const m = hh[3]!.members[1]!;
    const expected = [
      { householdCode: hh[2]!.code, headName: hh[2]!.members[0]!.name, member: null, field: '2024 年工资性收入', old: hh[2]!.income[0].toFixed(2), new: '12345.67' },
      { householdCode: hh[3]!.code, headName: hh[3]!.members[0]!.name, member: `${m.name}（${maskIdNumber(String(m.id))}）`, field: '劳动技能', old: m.labour ?? null, new: '技能劳动力' },
      { householdCode: hh[4]!.code, headName: hh[4]!.members[0]!.name, member: null, field: '是否易地搬迁户', old: '否', new: '是' },
    ];
    const sortKey = (c: { householdCode: string; field: string }): string => `${c.householdCode}|${c.field}`;
    const sorted = <T extends { householdCode: string; field: string }>(l: T[]): T[] => [...l].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

    const p = await importOne(s, 'preview', v2);
    expect(p.changeCount).toBe(3);
    expect(sorted(p.changes)).toEqual(sorted(expected));
    expect(snapshot(s)).toBe(afterFirst);
    const before = tmp.path('v2-预览.xlsx');
    await s.call('import:errorWorkbook', { path: v2, out: before });
    const pre = new ExcelJS.Workbook();
    await pre.xlsx.readFile(before);
    const listed = pre.getWorksheet('变更明细')!;
    expect(listed.getCell('A1').text).toContain('将修改 3 个值');
    const rows = [3, 4, 5].map((n) => (listed.getRow(n).values as unknown[]).slice(1));
    expect(sorted(rows.map((v) => ({ householdCode: String(v[0]), field: String(v[3]), old: v[4], new: v[5] })))).toEqual(
      sorted(expected.map((c) => ({ householdCode: c.householdCode, field: c.field, old: c.old ?? '（空）', new: c.new }))));

    const r = await importOne(s, 'commit', v2);
    expect(r.changeCount).toBe(3);
    expect(sorted(r.changes)).toEqual(sorted(expected));
    const history = await s.call('import:batchChanges', { batchId: r.batchId! });
    expect(history.total).toBe(3);
    expect(sorted(history.changes)).toEqual(sorted(expected));

    const out = tmp.path('v2-错误说明.xlsx');
    await s.call('import:errorWorkbook', { path: v2, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('变更明细')!;
    expect(sheet).toBeDefined();
    expect(sheet.getRow(2).values).toEqual([undefined, '户编号', '户主', '成员', '项目', '原值', '新值']);
    // Against the ledger as it is now (after the commit) the same file changes nothing.
    expect(sheet.getCell('A1').text).toContain('0 个值');

    // Three values changed, so three are restored: the updated_at stamps taken back with them are not counted.
    expect((await s.call('import:undo', { batchId: r.batchId! })).valuesRestored).toBe(3);
    expect(snapshot(s).replace(/"status":"undone"/g, '"status":"committed"')).toBe(
      afterFirst.replace(/\]\]$/, `,{"id":${r.batchId},"status":"committed"}]]`),
    );
    // The history still shows what the batch had changed.
    expect((await s.call('import:batchChanges', { batchId: r.batchId! })).total).toBe(3);
  });
});
