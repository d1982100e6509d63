/**
 * A blank cell in a re-imported file is "not reported": it never erases what the ledger holds
 * (seen: one corrected file wiped 31 members' 务工区域). Clearing needs the explicit clearBlanks
 * option, and both cases are counted in the report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from './fixtures.ts';
import { importFiles, importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeEach(() => {
  tmp = tempDir('import-blanks-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

function ledgerOf(code: string): { work: Array<string | null>; wage: number; property: number } {
  const db = s.ctx.db;
  const work = db.prepare(`SELECT m.work_place_class FROM members m JOIN households h ON h.id = m.household_id WHERE h.code = ? ORDER BY m.id`).pluck().all(code) as Array<string | null>;
  const r = db.prepare(`SELECT r.wage_fen AS wage, r.property_fen AS property FROM income_records r JOIN households h ON h.id = r.household_id WHERE h.code = ?`).get(code) as { wage: number; property: number };
  return { work, ...r };
}

/** The first file: every member of household 0 works 省外, and it has wage and property income. */
async function firstImport(): Promise<FxHousehold[]> {
  const hh = makeHouseholds(4);
  for (const m of hh[0]!.members) m.work = '省外';
  hh[0]!.income = [30000, 5000, 1000, 800, 2000];
  const v1 = tmp.path('v1.xlsx');
  await writeMemberWorkbook(v1, hh);
  await importOne(s, 'commit', v1);
  return hh;
}

/** The corrected file leaves 务工区域 and 财产性收入 blank for household 0 and raises its wage. */
async function blankedFile(hh: FxHousehold[]): Promise<string> {
  const v2 = structuredClone(hh);
  for (const m of v2[0]!.members) delete m.work;
  v2[0]!.income = [31000, 5000, 1000, Number.NaN, 2000];
  v2[0]!.netText = '';
  v2[0]!.perCapitaText = '';
  const path = tmp.path('v2.xlsx');
  await writeMemberWorkbook(path, v2);
  return path;
}

describe('blank cells on re-import', () => {
  it('keep the ledger values, count them, and still apply the real changes', async () => {
    const hh = await firstImport();
    const code = hh[0]!.code;
    const members = hh[0]!.members.length;
    const path = await blankedFile(hh);
    const preview = await importOne(s, 'preview', path);
    expect(preview.blanks).toEqual({ kept: members + 1, cleared: 0 });
    const r = await importOne(s, 'commit', path);
    expect(r.blanks).toEqual({ kept: members + 1, cleared: 0 });
    expect(r.households.updated).toBe(1);
    expect(ledgerOf(code)).toEqual({ work: Array(members).fill('省外'), wage: 3100000, property: 80000 });
    // Nothing audited for the kept cells: undo has nothing of theirs to restore.
    const fields = s.ctx.db.prepare(`SELECT DISTINCT field FROM audit_log WHERE batch_id = ? AND action = 'import:update' AND field <> 'updated_at'`).pluck().all(r.batchId) as string[];
    expect(fields).toEqual(['wage_fen']);
  });

  it('clear the values only when asked, counted and undoable', async () => {
    const hh = await firstImport();
    const code = hh[0]!.code;
    const members = hh[0]!.members.length;
    const path = await blankedFile(hh);
    const [o] = await importFiles(s, 'commit', [path]);
    expect(o && 'blanks' in o ? o.blanks.kept : null).toBe(members + 1);
    await s.call('import:undo', { batchId: (o as { batchId: number }).batchId });
    const { jobId } = await s.call('import:commit', { paths: [path], clearBlanks: true });
    const [cleared] = await s.call('import:result', { jobId });
    expect(cleared && 'blanks' in cleared ? cleared.blanks : null).toEqual({ kept: 0, cleared: members + 1 });
    expect(ledgerOf(code)).toEqual({ work: Array(members).fill(null), wage: 3100000, property: 0 });
    await s.call('import:undo', { batchId: (cleared as { batchId: number }).batchId });
    expect(ledgerOf(code)).toEqual({ work: Array(members).fill('省外'), wage: 3000000, property: 80000 });
  });
});
