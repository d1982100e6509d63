/**
 * Villages an import creates are numbered from 200 per township, one after the other (the resolver
 * keeps the next number instead of asking max() each time); after a rollback or dropUnused the
 * numbering continues from what the database holds, exactly as max() + 1 would.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { RegionResolver } from '../../../electron/import/regions.ts';
import { tempDir } from '../../helpers/db.ts';

const dir = tempDir('village-numbers-');
afterAll(() => dir.remove());

const A = '620422101';
const B = '620422102';

describe('village numbers', () => {
  it('counts per township, and starts again from the database after a rollback', () => {
    const db = openDatabase(dir.path('ledger.db'));
    try {
      db.exec('BEGIN');
      const r = new RegionResolver(db);
      expect([r.village(A, '甲村', true), r.village(A, '乙村', true), r.village(B, '甲村', true), r.village(A, '丙村', true)])
        .toEqual([`${A}200`, `${A}201`, `${B}200`, `${A}202`]);
      // Known names are found, not created again.
      expect(r.village(A, '乙', true)).toBe(`${A}201`);
      db.exec('SAVEPOINT s');
      expect(r.village(A, '丁村', true)).toBe(`${A}203`);
      const created = r.created.length;
      expect(r.village(A, '戊村', true)).toBe(`${A}204`);
      db.exec('ROLLBACK TO s');
      r.rollbackTo(created - 1);
      expect(r.village(A, '己村', true)).toBe(`${A}203`);
      expect(r.village(A, '戊村', true)).toBe(`${A}204`);
      const names = db.prepare(`SELECT code, name FROM regions WHERE level = 'village' ORDER BY code`).all();
      expect(names).toEqual([
        { code: `${A}200`, name: '甲村' }, { code: `${A}201`, name: '乙村' }, { code: `${A}202`, name: '丙村' }, { code: `${A}203`, name: '己村' },
        { code: `${A}204`, name: '戊村' }, { code: `${B}200`, name: '甲村' },
      ]);
      db.exec('ROLLBACK');
    } finally {
      db.close();
    }
  });
});
