/**
 * The ledger at city scale (8.91万 households / 37.2万 people): each list page a steward asks for,
 * through the same service functions the UI calls, against a floor measured in the same run — a
 * full scan of the members table (an unindexed condition, as a naive search would run). The aim is
 * every page under 2 % of that scan. `node tests/bench/ledger.ts` runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { HouseholdListArgs, MemberListArgs } from '../../shared/api/ledger.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import { findHits, listHouseholds, listMembers } from '../../electron/services/ledger.ts';
import type { Db } from '../../electron/services/context.ts';
import { cityDemoPath } from './util.ts';

const FLOOR_LABEL = '成员表全表扫描';

/** Best and median of `runs` timed calls after one warm-up. On a shared machine the best is the
 * steadier estimate of what the query itself costs; both are printed, each against the floor's own. */
function times(fn: () => unknown, runs: number): { best: number; median: number } {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  t.sort((a, b) => a - b);
  return { best: t[0] as number, median: t[Math.floor(t.length / 2)] as number };
}

function floorTimes(db: Db): { best: number; median: number } {
  const sql = `SELECT count(*) FROM members WHERE health LIKE '%不存在%'`;
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
  if (!/^SCAN members$/.test(plan)) throw new Error(`the floor must be a table scan, got: ${plan}`);
  const stmt = db.prepare(sql);
  return times(() => stmt.get(), 7);
}

function print(label: string, x: { best: number; median: number }, floor: { best: number; median: number }): void {
  const pct = (a: number, b: number): string => `${((a / b) * 100).toFixed(2).padStart(7)} %`;
  process.stdout.write(`${label.padEnd(40)} 中位 ${x.median.toFixed(2).padStart(8)} ms ${pct(x.median, floor.median)}   最快 ${x.best.toFixed(2).padStart(8)} ms ${pct(x.best, floor.best)}\n`);
}

interface Sample {
  name: string;
  idNumber: string;
}

function sample(db: Db): Sample {
  const row = db.prepare(`SELECT name, id_number FROM members WHERE id = (SELECT max(id) / 3 FROM members)`).get() as { name: string; id_number: string };
  return { name: row.name, idNumber: row.id_number };
}

/** The keyset cursor of the 300,000th member in the household order, found once outside the timing. */
function cursorAt(db: Db, n: number): { code: string; id: number } {
  return db.prepare(
    `SELECT h.code, m.id FROM households h CROSS JOIN members m ON m.household_id = h.id ORDER BY h.code, m.id LIMIT 1 OFFSET ?`,
  ).get(n - 1) as { code: string; id: number };
}

export async function run(): Promise<void> {
  const db = openDatabase(cityDemoPath());
  try {
    const s = sample(db);
    const floor = floorTimes(db);
    const hh = (args: Record<string, unknown>) => () => listHouseholds(db, HouseholdListArgs.parse(args));
    const mm = (args: Record<string, unknown>) => () => listMembers(db, MemberListArgs.parse(args));
    // Pages take milliseconds: many runs are cheap and steady the figures on a busy machine.
    const line = (label: string, fn: () => unknown): void => print(label, times(fn, 21), floor);
    const pair = (label: string, args: Record<string, unknown>): void => {
      line(`${label}：一页`, hh({ ...args, withTotal: false }));
      line(`${label}：一页＋总数`, hh(args));
    };
    process.stdout.write(`\n== 台账（城市规模，每页 100 行；百分比 = 相对${FLOOR_LABEL}）==\n`);
    print(`floor: ${FLOOR_LABEL}`, floor, floor);
    pair('户首页（按户编号）', {});
    pair('会宁县·低于8000·按人均升序', { county: '620422', below: true, sort: 'perCapita' });
    pair('会宁县·收入下降·按户编号', { county: '620422', decreased: true });
    pair('郭城驿镇·按较上年变化降序', { township: '620422101', sort: 'change', dir: 'desc' });
    pair('全市按人均纯收入升序', { sort: 'perCapita' });
    pair('按完整身份证号查找', { q: s.idNumber });
    pair('按身份证后 6 位查找', { q: s.idNumber.slice(-6) });
    pair(`按姓名查找“${s.name}”`, { q: s.name });
    line('按身份证后 4 位查找（find，50 条）', () => findHits(db, s.idNumber.slice(-4), 50));
    line('成员首页（按户编号，不含总数）', mm({ withTotal: false }));
    const cursor = cursorAt(db, 300_000);
    line('成员第 300,000 行起一页（键集分页）', mm({ after: cursor, withTotal: false }));
    line('成员第 300,000 行起一页（OFFSET，对照）', mm({ offset: 300_000, withTotal: false }));
    line('户第 80,000 行起一页（OFFSET）', hh({ offset: 80_000, withTotal: false }));
  } finally {
    db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
