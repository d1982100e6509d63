/**
 * Benchmark helpers. Each figure is printed with its ratio to a floor measured in the same run on
 * the same machine, so a reader compares like with like whatever the hardware.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/connection.ts';
import { generateDemo, type DemoScale } from '../../electron/demo/generate.ts';
import { SCHEMA_VERSION } from '../../electron/db/migrations/index.ts';

/** Median wall time of `runs` calls, in milliseconds (after one warm-up call). */
export function timeMs(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function report(label: string, ms: number, floorMs: number, floorLabel: string): void {
  const ratio = ms / floorMs;
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms   ratio ${ratio.toFixed(3).padStart(7)} × ${floorLabel} (${floorMs.toFixed(1)} ms)\n`);
}

/**
 * The city demo (8.91万 households) shared by all benchmarks of one run: generated once into the
 * temp folder and reused while the schema is unchanged.
 */
export function cityDemoPath(): string {
  return demoLedgerPath('city');
}

/** A demo ledger of `scale` cached in the temp folder (as cityDemoPath); copy it before writing to it. */
export function demoLedgerPath(scale: DemoScale): string {
  const dir = join(tmpdir(), 'income-ledger-bench');
  mkdirSync(dir, { recursive: true });
  // Keyed by schema version: an older cache would be migrated (and backed up) on open instead.
  const path = join(dir, `${scale}-schema${SCHEMA_VERSION}.db`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial);
  const t = Date.now();
  const r = generateDemo(db, { scale });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, path);
  process.stdout.write(`生成${scale === 'city' ? '城市' : scale === 'county' ? '县级' : '小'}规模演示库：${r.households} 户 ${r.persons} 人，${((Date.now() - t) / 1000).toFixed(1)} s → ${path}\n`);
  return path;
}
