/**
 * Demo generation at city scale and the analysis aggregates' full rebuild (what runs after an
 * import touched most townships), each against a floor measured in the same run:
 * - generation against SQLite alone writing the same rows: the cached city demo's households,
 *   members and income records copied table to table (INSERT … SELECT, same schema, indexes and
 *   triggers) into a fresh ledger, then the same aggregate build — what remains above it is making
 *   the rows up in JS and inserting them one statement at a time;
 * - the rebuild against one grouped scan of the same join (every year's income records with their
 *   households, summed by village), which is the least any rebuild has to read.
 * Usage: node tests/bench/demo.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/connection.ts';
import { refreshAggregates } from '../../electron/db/queries/analysis-aggregates.ts';
import { generateDemo } from '../../electron/demo/generate.ts';
import { cityDemoPath, report, timeMs } from './util.ts';

const once = (fn: () => void): number => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/** The floor of generation: the city's rows copied by SQLite into a fresh, migrated ledger. */
export function copyFloor(source: string, target: string): number {
  const db = openDatabase(target);
  try {
    db.prepare('ATTACH DATABASE ? AS src').run(source);
    // Stored columns only: generated columns are computed on insert, as they are for the generator.
    const columns = (t: string): string => (db.prepare(`SELECT name FROM pragma_table_xinfo('${t}') WHERE hidden = 0`).pluck().all() as string[]).join(', ');
    return once(() => {
      db.transaction(() => {
        db.exec(`INSERT INTO main.regions SELECT * FROM src.regions WHERE code NOT IN (SELECT code FROM main.regions)`);
        for (const t of ['households', 'members', 'income_records']) db.exec(`INSERT INTO main.${t} (${columns(t)}) SELECT ${columns(t)} FROM src.${t}`);
      }).immediate();
      refreshAggregates(db);
    });
  } finally {
    db.close();
  }
}

function generation(dir: string): void {
  const floor = copyFloor(cityDemoPath(), join(dir, 'copy.db'));
  const db = openDatabase(join(dir, 'demo.db'));
  let persons = 0;
  const ms = once(() => void (persons = generateDemo(db, { scale: 'city' }).persons));
  db.close();
  report(`demo --scale city（${persons.toLocaleString('en-US')} 人，含汇总表）`, ms, floor, 'SQLite 复制同样的行');
}

/** The full rebuild, inside a transaction that is rolled back so the cached ledger stays as it was. */
function rebuild(): void {
  const db = openDatabase(cityDemoPath());
  try {
    const scan = db.prepare(`SELECT r.year, h.village_code, count(*), sum(r.net_fen), sum(r.size) FROM income_records r
      JOIN households h ON h.id = r.household_id GROUP BY 1, 2`);
    const floor = timeMs(() => scan.all(), 3);
    const ms = timeMs(() => {
      db.exec('BEGIN IMMEDIATE');
      try {
        refreshAggregates(db);
      } finally {
        db.exec('ROLLBACK');
      }
    }, 3);
    report('汇总表全量重建（导入后，全市）', ms, floor, '按村分组扫描一次');
  } finally {
    db.close();
  }
}

export async function run(): Promise<void> {
  process.stdout.write('\n== demo 生成与汇总表重建（城市规模）==\n');
  const dir = mkdtempSync(join(tmpdir(), 'demo-bench-'));
  try {
    rebuild();
    generation(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await Promise.resolve();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
