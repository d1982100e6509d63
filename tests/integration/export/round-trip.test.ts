/**
 * Round trip: the `ledger` form of every year (full IDs), imported in year order into an empty
 * database with the real importer, gives back the same `stats` for every township and year (and
 * every village, which checks that households landed where they were). Run on the `small` demo plus
 * a 靖远县 household (two counties); the county-scale run is in the issue notes, too slow for CI here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileFailure } from '../../../shared/api/import.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runExport } from '../../../electron/export/run.ts';
import { incomeYears } from '../../../electron/db/queries/stats.ts';
import { computeStats } from '../../../electron/analysis/stats.ts';
import { openSession } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeExportDb } from './fixture.ts';

let dir: TempDir;
let src: string;
let dst: string;
let years: number[];

beforeAll(async () => {
  dir = tempDir('export-roundtrip-');
  src = makeExportDb(dir.path('source.db'));
  const db = openDatabase(src, { readonly: true });
  years = incomeYears(db);
  db.close();
  dst = dir.path('copy.db');
  openDatabase(dst).close();
  const s = openSession(dst, { mustExist: true, operator: '往返测试' });
  try {
    for (const year of years) {
      const file = dir.path(`台账-${year}.xlsx`);
      await runExport(src, 'ledger', file, { year, showIds: true });
      const { jobId } = await s.call('import:commit', { paths: [file] });
      const [outcome] = await s.call('import:result', { jobId });
      if (!outcome || isFileFailure(outcome)) throw new Error(`import of ${year} failed: ${JSON.stringify(outcome)}`);
      expect(outcome.errorCount, `${year}: ${JSON.stringify(outcome.errors.slice(0, 3))}`).toBe(0);
    }
  } finally {
    await s.close();
  }
}, 600_000);

afterAll(() => dir.remove());

describe('ledger export → import round trip', () => {
  it('carries every year', () => {
    const db = openDatabase(dst, { readonly: true });
    expect(incomeYears(db)).toEqual(years);
    db.close();
  });

  it('gives the same stats for every county, township and village in every year', () => {
    const a = openDatabase(src, { readonly: true });
    const b = openDatabase(dst, { readonly: true });
    try {
      for (const year of years) {
        for (const by of ['county', 'township', 'village'] as const) {
          const before = computeStats(a, { year, by });
          const after = computeStats(b, { year, by });
          const strip = (r: typeof before.total): unknown => ({ ...r, name: by === 'village' ? r.name : undefined, code: by === 'village' ? undefined : r.code });
          // Village codes are assigned by the importer, so villages are compared by name and figures.
          const sorted = (rows: typeof before.rows): string[] => rows.map((r) => JSON.stringify(strip(r))).sort();
          expect(sorted(after.rows), `${year} by ${by}`).toEqual(sorted(before.rows));
          expect(after.total, `${year} total`).toEqual(before.total);
        }
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('keeps the members and their fields', () => {
    const q = `SELECT m.id_number, m.name, m.relation, m.labour, m.work_place_class, m.work_months, m.welfare_post, h.code, h.relocated, h.monitoring_category
      FROM members m JOIN households h ON h.id = m.household_id ORDER BY m.id_number`;
    const a = openDatabase(src, { readonly: true });
    const b = openDatabase(dst, { readonly: true });
    const rows = [a.prepare(q).all(), b.prepare(q).all()] as Array<Array<Record<string, unknown>>>;
    a.close();
    b.close();
    expect(rows[1]?.length).toBe(rows[0]?.length);
    expect(rows[1]).toEqual(rows[0]);
  });
});
