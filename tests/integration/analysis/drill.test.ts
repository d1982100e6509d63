/**
 * Drill-down from 增收分析 to 台账: the ledger filter a figure opens names exactly the households
 * the figure counts — each histogram bin (min ≤ per-capita < under, the first bin open below, the
 * last open above), each 两类群体 count and each region's households.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdListArgs } from '../../../shared/api/ledger.ts';
import { buildAnalysis } from '../../../electron/analysis/view.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/db/types.ts';
import { listHouseholds } from '../../../electron/services/ledger.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let dir: TempDir;
let db: Db;

beforeAll(() => {
  dir = tempDir('drill-');
  db = openDatabase(makeDemoDb(dir.path('small.db'), 'small'), { readonly: true });
});
afterAll(() => {
  db.close();
  dir.remove();
});

const count = (f: Record<string, unknown>): number => listHouseholds(db, HouseholdListArgs.parse({ ...f, limit: 1 })).total ?? -1;

describe('drill-down filters', () => {
  it('each histogram bin opens as many households as the bar shows', () => {
    const a = buildAnalysis(db, { year: 2024, scope: '620422101' });
    const bins = a.distribution.bins;
    expect(bins.filter((b) => b.households > 0).length).toBeGreaterThan(5);
    bins.forEach((b, i) => {
      const f = { township: '620422101', year: 2024, ...(i > 0 ? { minPerCapita: b.from } : {}), ...(b.to !== null ? { perCapitaBelow: b.to } : {}) };
      expect(count(f), `${b.from}–${b.to}`).toBe(b.households);
    });
  });

  it('each 两类群体 count and each region opens its households', () => {
    const a = buildAnalysis(db, { year: 2024, scope: '620422' });
    for (const r of a.categories.rows) {
      expect(count({ township: r.code, year: 2024, below: true })).toBe(r.belowLine);
      expect(count({ township: r.code, year: 2024, decreased: true })).toBe(r.decreased);
      expect(count({ township: r.code, year: 2024, relocated: true })).toBe(r.relocated);
    }
    for (const r of a.stats.rows) expect(count({ township: r.code, year: 2024 })).toBe(r.households);
  });
});
