/**
 * `stats` at city scale, by county and by township, against a floor: a plain scan of the same
 * tables (the year's income records joined to their households, summing one column).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/connection.ts';
import { computeStats } from '../../electron/analysis/stats.ts';
import { cityDemoPath, report, timeMs } from './util.ts';

export async function run(): Promise<void> {
  const db = openDatabase(cityDemoPath());
  try {
    const floorStmt = db.prepare('SELECT count(*), sum(r.net_fen), sum(h.relocated) FROM income_records r JOIN households h ON h.id = r.household_id WHERE r.year = 2024');
    const floor = timeMs(() => floorStmt.get());
    process.stdout.write('\n== stats（城市规模，2024 年）==\n');
    report('stats --by county', timeMs(() => computeStats(db, { year: 2024, by: 'county' })), floor, '收入表单次扫描');
    report('stats --by township', timeMs(() => computeStats(db, { year: 2024, by: 'township' })), floor, '收入表单次扫描');
    report('stats --by village --county 620422', timeMs(() => computeStats(db, { year: 2024, by: 'village', county: '620422' })), floor, '收入表单次扫描');
  } finally {
    db.close();
  }
  cliOpenCost(cityDemoPath());
}

/** What opening costs a CLI command: `stats` as a whole process against `--help` (no database). */
function cliOpenCost(dbPath: string): void {
  const cli = fileURLToPath(new URL('../../electron/cli/main.ts', import.meta.url));
  const spawn = (args: string[]) => () => execFileSync(process.execPath, [cli, ...args], { stdio: 'ignore' });
  const help = timeMs(spawn(['--help']), 3);
  report('CLI stats (whole process, city ledger)', timeMs(spawn(['stats', '--db', dbPath]), 3), help, 'CLI --help');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
