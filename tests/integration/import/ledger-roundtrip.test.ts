/**
 * The export area's 'ledger' form (every field, canonical headers) must come back through the
 * importer: a demo township exported with full IDs and imported into an empty ledger gives the
 * same stats, and importing it back into the ledger it came from changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../../electron/export/run.ts';
import { computeStats } from '../../../electron/analysis/stats.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let source: Session;
let target: Session;

beforeAll(() => {
  tmp = tempDir('import-roundtrip-');
  source = openSession(makeDemoDb(tmp.path('demo.db'), 'small'), { operator: '测试员' });
  target = openSession(tmp.path('empty.db'), { operator: '测试员' });
});
afterAll(async () => {
  await source.close();
  await target.close();
  tmp.remove();
});

describe('ledger form round trip', () => {
  it('an exported ledger imports into an empty database with the same stats, and back into its own with no change', async () => {
    const file = tmp.path('台账-2024.xlsx');
    await runExport(source.ctx.db, 'ledger', file, { township: '620422101', year: 2024, showIds: true });
    const r = await importOne(target, 'commit', file);
    expect(r.errors.slice(0, 5)).toEqual([]);
    const want = computeStats(source.ctx.db, { year: 2024, by: 'village', township: '620422101' });
    const got = computeStats(target.ctx.db, { year: 2024, by: 'village', township: '620422101' });
    const strip = (x: typeof want.total): unknown => ({ ...x, code: undefined, growth: undefined, decreased: undefined });
    expect(strip(got.total)).toEqual(strip(want.total));
    expect(got.rows.map((x) => [x.name, x.households, x.persons, x.perCapitaNet])).toEqual(want.rows.map((x) => [x.name, x.households, x.persons, x.perCapitaNet]));
    const again = await importOne(source, 'commit', file);
    expect(again.batchId).toBeNull();
    expect(again.households.added + again.households.updated + again.members.added + again.members.updated).toBe(0);
  }, 600_000);
});
