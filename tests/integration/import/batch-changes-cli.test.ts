import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';

let tmp: TempDir;
let db: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(() => {
  tmp = tempDir('batch-changes-cli-');
  db = tmp.path('ledger.db');
  openDatabase(db).close();
});
afterAll(() => tmp.remove());

describe('CLI batch-changes', () => {
  it('lists a committed batch\'s changes old → new, in text and --json, and they survive the undo', async () => {
    const hh = makeHouseholds(6);
    const v1 = tmp.path('v1.xlsx');
    await writeMemberWorkbook(v1, hh);
    expect((await cli('import', v1, '--db', db, '--operator', '张干事')).code).toBe(0);
    const fixed = structuredClone(hh);
    fixed[2]!.income[0] = 12345.67;
    const v2 = tmp.path('v2.xlsx');
    await writeMemberWorkbook(v2, fixed);
    const r = await cli('import', v2, '--db', db, '--json', '--operator', '张干事');
    expect(r.code).toBe(0);
    const batchId = (JSON.parse(r.out) as Array<{ batchId: number }>)[0]!.batchId;

    const json = await cli('batch-changes', '--db', db, '--batch', String(batchId), '--json');
    expect(json.code).toBe(0);
    const change = { householdCode: hh[2]!.code, headName: hh[2]!.members[0]!.name, member: null, field: '2024 年工资性收入', old: hh[2]!.income[0].toFixed(2), new: '12345.67' };
    expect(JSON.parse(json.out)).toEqual({ total: 1, changes: [change] });
    const text = await cli('batch-changes', '--db', db, '--batch', String(batchId));
    expect(text.out).toContain(`第 ${batchId} 号批次修改了 1 个值`);
    expect(text.out).toContain(`户 ${change.householdCode} ${change.headName}  2024 年工资性收入：${change.old} → 12345.67`);

    const undo = await cli('undo', String(batchId), '--db', db);
    expect(undo.out).toContain('恢复 1 个字段值');
    expect(JSON.parse((await cli('batch-changes', '--db', db, '--batch', String(batchId), '--json')).out)).toEqual({ total: 1, changes: [change] });
  });

  it('refuses a malformed batch number with a usage error', async () => {
    const bad = await cli('batch-changes', '--db', db, '--batch', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--batch 应为批次号');
  });
});
