/**
 * Without ANALYZE statistics SQLite's plans do not depend on the row counts, so a small database
 * gives the plans a city one gets. Every list query uses an index: EXPLAIN QUERY PLAN of each filter, sort and search kind must not
 * contain a bare table scan of households or members (an index walk in sort order is fine — it stops
 * at the page), and searches must SEARCH an index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HouseholdListArgs, MemberListArgs } from '../../../shared/api/ledger.ts';
import { householdPlan } from '../../../electron/db/queries/ledger-households.ts';
import { memberPlan } from '../../../electron/db/queries/ledger-members.ts';
import type { Db } from '../../../electron/services/context.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let db: Db;
beforeAll(() => {
  tmp = tempDir();
  db = openDatabase(makeDemoDb(tmp.path('small.db'), 'small'));
});
afterAll(() => {
  db.close();
  tmp.remove();
});

function plan(sql: string): string[] {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string))];
  const params = Object.fromEntries(names.map((n) => [n, n === 'ids' ? '[1,2]' : 1]));
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
}

/** A table scan without an index: "SCAN h", "SCAN members" (not "SCAN h USING INDEX …"). */
function bareScans(details: string[]): string[] {
  return details.filter((d) => /^SCAN (h|m|households|members)$/.test(d.trim()));
}

const ID = '620422197908128109';
const HOUSEHOLD_CASES: Array<[string, Record<string, unknown>]> = [
  ['default', {}],
  ['county', { county: '620422' }],
  ['township', { township: '620422101' }],
  ['village', { village: '620422101200' }],
  ['type', { householdType: '监测户' }],
  ['monitoring', { monitoringCategory: '脱贫不稳定户' }],
  ['relocated', { relocated: true }],
  ['below', { below: true }],
  ['decreased', { decreased: true }],
  ['band', { minPerCapita: 5000, maxPerCapita: 6000 }],
  ['sort head', { sort: 'headName' }],
  ['sort size', { sort: 'size', dir: 'desc' }],
  ['sort per-capita', { sort: 'perCapita' }],
  ['sort change', { sort: 'change', dir: 'desc' }],
  ['below + county, per-capita', { county: '620422', below: true, sort: 'perCapita' }],
  ['search id', { q: ID }],
  ['search tail 4', { q: '8109' }],
  ['search tail 6', { q: '12810X' }],
  ['search name', { q: '张伟' }],
  ['search code', { q: '620422101200' }],
];

describe('EXPLAIN QUERY PLAN of the household list', () => {
  it.each(HOUSEHOLD_CASES)('%s uses indexes only', (_name, args) => {
    const p = householdPlan(db, { args: HouseholdListArgs.parse(args), year: 2024, lineFen: 800_000 });
    for (const sql of p.sql) {
      const details = plan(sql);
      expect(bareScans(details), `${sql}\n${details.join('\n')}`).toEqual([]);
      if (args.q) expect(details.some((d) => d.startsWith('SEARCH'))).toBe(true);
    }
    // Walking households in order, a yearly filter must look each figure up by its primary key.
    const walk = p.sql[0] as string;
    if (!args.q && /CROSS JOIN household_year_figures/.test(walk)) {
      expect(plan(walk)).toContain('SEARCH y USING PRIMARY KEY (household_id=? AND year=?)');
    }
  });
});

const MEMBER_CASES: Array<[string, Record<string, unknown>]> = [
  ['default', {}],
  ['keyset', { after: { code: '6204221012000001', id: 5 } }],
  ['county', { county: '620422' }],
  ['village', { village: '620422101200' }],
  ['sex + age', { sex: '女', minAge: 60 }],
  ['labour', { labour: '技能劳动力' }],
  ['work place', { workPlaceClass: '省外' }],
  ['welfare post', { welfarePost: true }],
  ['sort name', { sort: 'name' }],
  ['sort age', { sort: 'age', dir: 'desc' }],
  ['search id', { q: ID }],
  ['search tail', { q: '8109' }],
  ['search name', { q: '张' }],
];

describe('EXPLAIN QUERY PLAN of the member list', () => {
  it.each(MEMBER_CASES)('%s uses indexes only', (_name, args) => {
    const p = memberPlan(db, MemberListArgs.parse(args));
    for (const sql of p.sql) {
      const details = plan(sql);
      expect(bareScans(details), `${sql}\n${details.join('\n')}`).toEqual([]);
    }
    // In the sheets' order each household's members come from members_household, whatever the filters.
    if (!args.q && !args.sort) {
      expect(plan(p.sql[0] as string).some((d) => /^SEARCH m USING (COVERING )?INDEX members_household \(household_id=\?\)/.test(d))).toBe(true);
    }
  });
});
