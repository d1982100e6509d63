/**
 * Import of the whole city in one member-level workbook (37万 rows): the full path the app takes
 * (worker: pre-checks, our streaming reader with merges, header detection, row checks, one
 * transaction into a fresh ledger), against the floor of a bare exceljs streaming read of the same
 * file in the same run. Also: our reader alone, peak memory for the whole file, a half and a quarter
 * of it (memory should not grow with the file), and how many cells exceljs's reader damaged (U+FFFD)
 * against ours. Every measurement runs in a fresh process (import-child.ts), so each peak is its own.
 * Usage: node tests/bench/import.ts [rows] [rounds]   (default 370000 rows, 2 rounds)
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './import-child.ts';
import { cityWorkbook } from './import-workbook.ts';

export type Measured = ChildResult;

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));

/** One measurement in a fresh process (import-child.ts): each peak is that work's own. */
export function measure(kind: 'exceljs' | 'reader' | 'import', path: string): Measured {
  const out = execFileSync(process.execPath, [CHILD, kind, path], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

const line = (label: string, m: Measured, rows: number, floor?: Measured): void => {
  const ratio = floor ? `   ratio ${(m.ms / floor.ms).toFixed(3)} × exceljs 流式读取` : '';
  process.stdout.write(`${label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rows / (m.ms / 1000)).toLocaleString('en-US').padStart(8)} 行/秒  峰值内存 +${m.peakMb.toFixed(0).padStart(4)} MB${ratio}\n`);
};

/** The faster of `rounds` measurements (this machine's speed drifts by ±30 % between minutes), with the higher peak. */
function best(rounds: number, kind: 'exceljs' | 'reader' | 'import', path: string): Measured {
  let out: Measured | null = null;
  for (let i = 0; i < rounds; i++) out = better(out, measure(kind, path));
  return out!;
}

export function better(a: Measured | null, b: Measured): Measured {
  if (a === null) return b;
  return { ...(b.ms < a.ms ? b : a), peakMb: Math.max(a.peakMb, b.peakMb) };
}

export async function run(rows = 370_000, rounds = 2): Promise<void> {
  const full = await cityWorkbook(rows);
  const quarter = await cityWorkbook(Math.round(rows / 4));
  const half = await cityWorkbook(Math.round(rows / 2));
  process.stdout.write(`\n== import（全市一个成员级工作簿：${full.rows.toLocaleString('en-US')} 行 / ${full.households.toLocaleString('en-US')} 户，${(statSync(full.path).size / 1048576).toFixed(1)} MB；每项取 ${rounds} 次中最快的一次，基准与导入交替测量，每次在新进程中）==\n`);
  // Interleaved, so a slow minute of the machine hits the floor and the import alike.
  let floor: Measured | null = null;
  let imp: Measured | null = null;
  for (let i = 0; i < rounds; i++) {
    floor = better(floor, measure('exceljs', full.path));
    imp = better(imp, measure('import', full.path));
  }
  line('exceljs 流式读取（基准）', floor!, full.rows);
  const ours = best(rounds, 'reader', full.path);
  line('本软件读取器（含合并单元格）', ours, full.rows, floor!);
  line('导入（读取+校验+写入，一个事务）', imp!, full.rows, floor!);
  const small = best(rounds, 'import', quarter.path);
  line(`导入 1/4 文件（${quarter.rows.toLocaleString('en-US')} 行）`, small, quarter.rows);
  const middle = best(rounds, 'import', half.path);
  line(`导入 1/2 文件（${half.rows.toLocaleString('en-US')} 行）`, middle, half.rows);
  process.stdout.write(`  导入结果：${imp!.value.households} 户、${imp!.value.members} 人，错误 ${imp!.value.errors}\n`);
  process.stdout.write(`  含 U+FFFD 的单元格：exceljs ${floor!.value.damaged}，本软件 ${ours.value.damaged}\n`);
  const growth = (a: Measured, b: Measured, rowsA: number, rowsB: number): string => `${((a.peakMb - b.peakMb) / ((rowsA - rowsB) / 10_000)).toFixed(1)} MB/万行`;
  process.stdout.write(`  内存随文件增长：峰值 1/4 → 1/2 → 全量 = ${small.peakMb.toFixed(0)} → ${middle.peakMb.toFixed(0)} → ${imp!.peakMb.toFixed(0)} MB；每多一万行 ${growth(middle, small, half.rows, quarter.rows)}（1/4→1/2），${growth(imp!, middle, full.rows, half.rows)}（1/2→全量）\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv[2] ? Number(process.argv[2]) : undefined, process.argv[3] ? Number(process.argv[3]) : undefined);
