/**
 * One measurement of the import benchmark, in a process of its own so that its peak memory is its
 * own: `node tests/bench/import-child.ts exceljs|reader|import FILE` prints one JSON line
 * { ms, peakMb, value }. peakMb is the kernel's peak resident set of this process (getrusage, not a
 * sample) minus the resident set just before the measured work, with every module already loaded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { isFileFailure } from '../../shared/api/import.ts';
import { openSession } from '../../electron/services/session.ts';
import { openSource } from '../../electron/import/formats/source.ts';

export interface ChildResult {
  ms: number;
  peakMb: number;
  value: { rows?: number; damaged?: number; households?: number; members?: number; errors?: number };
}

/** The floor: exceljs's streaming reader, touching every cell value; counts damaged (U+FFFD) strings. */
async function bareExceljs(path: string): Promise<ChildResult['value']> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  let damaged = 0;
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      rows++;
      for (const v of row.values as unknown[]) if (typeof v === 'string' && v.includes('\uFFFD')) damaged++;
    }
  }
  return { rows, damaged };
}

async function ourReader(path: string): Promise<ChildResult['value']> {
  const src = await openSource(path);
  let rows = 0;
  let damaged = 0;
  for (const s of src.sheets) {
    for await (const batch of s.rows()) {
      rows += batch.length;
      for (const r of batch) for (const c of r.cells) if (typeof c === 'string' && c.includes('\uFFFD')) damaged++;
    }
  }
  return { rows, damaged };
}

/** The app's whole path: the import job (its worker, the reader thread) into a fresh ledger. */
async function importInto(path: string): Promise<ChildResult['value']> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const s = openSession(join(dir, 'ledger.db'), { operator: '基准测试' });
  try {
    const { jobId } = await s.call('import:commit', { paths: [path] });
    const [o] = await s.call('import:result', { jobId });
    if (!o || isFileFailure(o)) throw new Error(`import failed: ${JSON.stringify(o)}`);
    return { households: o.households.added, members: o.members.added, errors: o.errorCount };
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const KINDS = { exceljs: bareExceljs, reader: ourReader, import: importInto };

const [kind, path] = process.argv.slice(2) as [keyof typeof KINDS, string];
if (!KINDS[kind] || !path) throw new Error('usage: import-child.ts exceljs|reader|import FILE');
const before = process.memoryUsage.rss();
const t = process.hrtime.bigint();
const value = await KINDS[kind](path);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const peakMb = (process.resourceUsage().maxRSS * 1024 - before) / 1048576;
process.stdout.write(`${JSON.stringify({ ms, peakMb, value } satisfies ChildResult)}\n`);
