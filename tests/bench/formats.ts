/**
 * The other workbook formats against .xlsx, same data, same run: the 92,500-row quarter of the city
 * workbook (import bench) imported as the .xlsx that exceljs wrote, and as Excel 97–2003 .xls
 * written from it by LibreOffice. BIFF8 holds at most 65,536 rows a sheet, so the .xls carries the data
 * in two sheets split at a household boundary (title and header repeated), as Excel itself would
 * have to. Each import runs in a fresh process (import-child.ts): the app's whole path, worker and
 * reader thread included. The .xls path parses the whole workbook in memory (SheetJS), so its
 * ratio to the streaming .xlsx reader is the figure to watch, with the peak memory beside it.
 * Usage: node tests/bench/formats.ts [rows] [rounds]   (default 92500 rows, 2 rounds)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { better, measure, type Measured } from './import.ts';
import { cityWorkbook } from './import-workbook.ts';

const BIFF8_ROWS = 65_536;

/** The first row index at or after `from` that starts a household (序号 filled). */
function householdStart(data: XLSX.CellObject[][], from: number): number {
  for (let r = from; r < data.length; r++) if (data[r]?.[0]?.v !== undefined) return r;
  return data.length;
}

/** Rows [from, to) of the dense sheet under its head rows as one streamed worksheet, merges moved along. */
function writePart(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, data: XLSX.CellObject[][], merges: XLSX.Range[], head: number, from: number, to: number): void {
  const ws = wb.addWorksheet(name);
  const shift = from - head;
  for (const r of [...data.slice(0, head), ...data.slice(from, to)]) {
    // exceljs reads an array whose element 0 is undefined as 1-based: so every row is given that way
    // (a member row's first cells are covered by merges, and a 0-based array would shift it left).
    const values: ExcelJS.CellValue[] = [];
    (r ?? []).forEach((c, i) => {
      if (c?.v !== undefined) values[i + 1] = c.v as string | number;
    });
    ws.addRow(values).commit();
  }
  // As in import-workbook.ts: exceljs's mergeCells is quadratic, so the ranges go straight into its list.
  const list = (ws as unknown as { _merges: string[] })._merges;
  for (const m of merges) {
    if (m.s.r < from || m.e.r >= to) continue;
    list.push(XLSX.utils.encode_range({ s: { r: m.s.r - shift, c: m.s.c }, e: { r: m.e.r - shift, c: m.e.c } }));
  }
  ws.commit();
}

/**
 * The .xlsx as Excel 97–2003 .xls in sheets of at most 65,536 rows, cached beside it. LibreOffice
 * writes the .xls (as an office would save it): SheetJS's BIFF writer needs ~1.5 GB and 10 s per
 * 10,000 rows. Null when LibreOffice is not installed.
 */
async function asXls(xlsx: string): Promise<string | null> {
  const out = xlsx.replace(/\.xlsx$/, '-2sheets-v2.xls');
  if (existsSync(out)) return out;
  const split = xlsx.replace(/\.xlsx$/, '-2sheets-v2.xlsx');
  const ws = (w: XLSX.WorkBook): XLSX.WorkSheet => w.Sheets[w.SheetNames[0]!]!;
  const sheet = ws(XLSX.read(readFileSync(xlsx), { type: 'buffer', dense: true }));
  const data = sheet['!data'] as XLSX.CellObject[][];
  const head = 2;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: split, useSharedStrings: true, useStyles: false });
  for (let from = head, k = 1; from < data.length; k++) {
    const to = data.length - from + head <= BIFF8_ROWS ? data.length : householdStart(data, Math.min(data.length, from + Math.floor((data.length - head) / 2)));
    writePart(wb, `全市${k}`, data, sheet['!merges'] ?? [], head, from, to);
    from = to;
  }
  await wb.commit();
  const dir = dirname(out);
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--calc', '--convert-to', 'xls:MS Excel 97', '--outdir', dir, split], { stdio: 'ignore', timeout: 20 * 60_000 });
  } catch {
    return null;
  }
  return existsSync(out) ? out : null;
}

const line = (label: string, m: Measured, rows: number, bytes: number, floor?: Measured): void => {
  const ratio = floor ? `   ratio ${(m.ms / floor.ms).toFixed(3)} × .xlsx 导入` : '';
  process.stdout.write(`${label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rows / (m.ms / 1000)).toLocaleString('en-US').padStart(8)} 行/秒  ${(bytes / 1048576).toFixed(1).padStart(5)} MB  峰值内存 +${m.peakMb.toFixed(0).padStart(4)} MB${ratio}\n`);
};

export async function run(rows = 92_500, rounds = 2): Promise<void> {
  const book = await cityWorkbook(rows);
  const xls = await asXls(book.path);
  if (!xls) return void process.stdout.write('\n(formats: 没有 LibreOffice（soffice），无法写出 .xls，跳过)\n');
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
