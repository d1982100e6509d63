/**
 * The other workbook formats against .xlsx, same data, same run: the 92,500-row quarter of the city
 * workbook (import bench) imported as the .xlsx that exceljs wrote, and as Excel 97–2003 .xls
 * written from it by SheetJS. BIFF8 holds at most 65,536 rows a sheet, so the .xls carries the data
 * in two sheets split at a household boundary (title and header repeated), as Excel itself would
 * have to. Each import runs in a fresh process (import-child.ts): the app's whole path, worker and
 * reader thread included. The .xls path parses the whole workbook in memory (SheetJS), so its
 * ratio to the streaming .xlsx reader is the figure to watch, with the peak memory beside it.
 * Usage: node tests/bench/formats.ts [rows] [rounds]   (default 92500 rows, 2 rounds)
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { better, measure, type Measured } from './import.ts';
import { cityWorkbook } from './import-workbook.ts';

const BIFF8_ROWS = 65_536;

/** The first row index at or after `from` that starts a household (序号 filled). */
function householdStart(data: XLSX.CellObject[][], from: number): number {
  for (let r = from; r < data.length; r++) if (data[r]?.[0]?.v !== undefined) return r;
  return data.length;
}

/** Rows [from, to) of a dense sheet as a sheet of their own under the given head rows, merges moved along. */
function part(data: XLSX.CellObject[][], merges: XLSX.Range[], head: number, from: number, to: number): XLSX.WorkSheet {
  const rows = [...data.slice(0, head), ...data.slice(from, to)];
  const shift = from - head;
  const own = merges.filter((m) => m.s.r >= from && m.e.r < to).map((m) => ({ s: { r: m.s.r - shift, c: m.s.c }, e: { r: m.e.r - shift, c: m.e.c } }));
  const width = Math.max(...rows.map((r) => r?.length ?? 0));
  return { '!data': rows, '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: width - 1 } }), '!merges': own };
}

/** The .xlsx rewritten as .xls in sheets of at most 65,536 rows; cached beside it. */
function asXls(xlsx: string): string {
  const out = xlsx.replace(/\.xlsx$/, '.xls');
  if (existsSync(out)) return out;
  const wb = XLSX.read(readFileSync(xlsx), { type: 'buffer', dense: true, cellNF: true });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const data = ws['!data'] as XLSX.CellObject[][];
  const merges = ws['!merges'] ?? [];
  const head = 2;
  const book = XLSX.utils.book_new();
  for (let from = head, k = 1; from < data.length; k++) {
    const to = data.length - from + head <= BIFF8_ROWS ? data.length : householdStart(data, Math.min(data.length, from + Math.floor((data.length - head) / 2)));
    XLSX.utils.book_append_sheet(book, part(data, merges, head, from, to), `全市${k}`);
    from = to;
  }
  writeFileSync(`${out}.partial`, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
  renameSync(`${out}.partial`, out);
  return out;
}

const line = (label: string, m: Measured, rows: number, bytes: number, floor?: Measured): void => {
  const ratio = floor ? `   ratio ${(m.ms / floor.ms).toFixed(3)} × .xlsx 导入` : '';
  process.stdout.write(`${label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rows / (m.ms / 1000)).toLocaleString('en-US').padStart(8)} 行/秒  ${(bytes / 1048576).toFixed(1).padStart(5)} MB  峰值内存 +${m.peakMb.toFixed(0).padStart(4)} MB${ratio}\n`);
};

export async function run(rows = 92_500, rounds = 2): Promise<void> {
  const book = await cityWorkbook(rows);
  const xls = asXls(book.path);
  process.stdout.write(`\n== formats（同一数据 ${book.rows.toLocaleString('en-US')} 行 / ${book.households.toLocaleString('en-US')} 户：.xlsx 与 .xls（两张工作表）；每项取 ${rounds} 次中最快的一次，交替测量，每次在新进程中）==\n`);
  let base: Measured | null = null;
  let old: Measured | null = null;
  // Interleaved, so a slow minute of the machine hits both alike.
  for (let i = 0; i < rounds; i++) {
    base = better(base, measure('import', book.path));
    old = better(old, measure('import', xls));
  }
  line('导入 .xlsx（本软件读取器）', base!, book.rows, statSync(book.path).size);
  line('导入 .xls（SheetJS，整表读入）', old!, book.rows, statSync(xls).size, base!);
  const same = JSON.stringify(base!.value) === JSON.stringify(old!.value);
  process.stdout.write(`  导入结果：.xlsx ${base!.value.households} 户、${base!.value.members} 人、错误 ${base!.value.errors}；.xls ${old!.value.households} 户、${old!.value.members} 人、错误 ${old!.value.errors}${same ? '（相同）' : '（不同！）'}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv[2] ? Number(process.argv[2]) : undefined, process.argv[3] ? Number(process.argv[3]) : undefined);
