/**
 * One file, end to end, inside one transaction: the reader (reader.ts — open, pre-check, find each
 * sheet's header, group rows into households, check them) feeds the writer here, which writes each
 * household, takes back the earlier part of a household found split, and builds the report. For a
 * large file the reader runs on its own thread, so parsing and checking overlap with writing.
 * A preview runs exactly the same path and rolls back, so its counts are what a commit would do; a
 * commit that changed nothing also rolls back (importing the same file twice leaves no trace). Any
 * failure rolls back: nothing is ever half-written.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileReport, ImportIssue } from '../../shared/api/import.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter } from '../db/audit.ts';
import type { Db } from '../db/types.ts';
import { BulkLoad, estimatedRows, worthBulk } from './write/bulk.ts';
import type { MappingOverrides } from './check/header.ts';
import { IssueSink } from './check/issues.ts';
import { LIMITS } from './limits.ts';
import { readFile, type ReaderEvent, type ReaderSummary } from './check/reader.ts';
import { startReaderThread } from './threads/reader-thread.ts';
import { RegionResolver } from './regions.ts';
import { sha256File } from './formats/source.ts';
import { saveBatch } from './batches.ts';
import { HouseholdWriter } from './write/household-writer.ts';
import { consistencyReport } from './check/consistency.ts';
import { batchChanges } from './changes.ts';

const BULK_CACHE_KIB = -16_384;

export interface ImportProgress {
  read: number;
  checked: number;
  total: number | null;
}

export interface ImportOptions {
  path: string;
  mode: 'preview' | 'commit';
  operator: string;
  year?: number | undefined;
  mapping?: MappingOverrides | undefined;
  onProgress?: (p: ImportProgress) => void;
  /** Checked between batches of rows; throwing from it cancels (and rolls back). */
  checkCancel?: () => void;
  /** Read on a second thread: 'auto' for files over a megabyte. */
  threads?: 'auto' | 'always' | 'never';
  /** The database file, for the reader thread's own read-only connection. */
  dbPath?: string | undefined;
  /** Shared cancel flag (Int32[1]) for the reader thread. */
  cancel?: SharedArrayBuffer | undefined;
  /** Blank cells erase the ledger's values (see CheckedMember.blank); off by default. */
  clearBlanks?: boolean | undefined;
  /** Import even when the file's totals disagree with the mapping on many rows (check/consistency.ts). */
  acceptMismatch?: boolean | undefined;
  /** Bulk loading (bulk.ts): decided from the file's size against the ledger unless set. */
  bulk?: boolean | undefined;
}

interface EventSource {
  events: AsyncGenerator<ReaderEvent>;
  stop: () => void;
}

/**
 * The reader: on its own thread for a file of 1 MB or more, started at once (it loads and opens the
 * file while the writer sets up); in this thread otherwise, started when first iterated.
 */
function startEvents(db: Db, opts: ImportOptions, file: string, bytes: number): EventSource {
  const reader = { path: opts.path, file, year: opts.year, mapping: opts.mapping };
  const threaded = opts.threads === 'always' || (opts.threads !== 'never' && bytes >= 1 << 20);
  if (!threaded || !opts.dbPath) return { events: readFile(db, { ...reader, checkCancel: opts.checkCancel }), stop: () => undefined };
  return startReaderThread({ dbPath: opts.dbPath, opts: reader, cancel: opts.cancel ?? new SharedArrayBuffer(4) });
}

function fileSize(path: string, file: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new AppError('file-unreadable', `无法打开文件“${file}”：文件不存在或没有读取权限`);
  }
}

export async function importFile(db: Db, opts: ImportOptions): Promise<FileReport> {
  const started = Date.now();
  const file = basename(opts.path);
  const bytes = fileSize(opts.path, file);
  const source = startEvents(db, opts, file, bytes);
  try {
    return await prepareAndRun(db, opts, source, file, bytes, started);
  } finally {
    source.stop();
  }
}

async function prepareAndRun(db: Db, opts: ImportOptions, source: EventSource, file: string, bytes: number, started: number): Promise<FileReport> {
  const sha256 = await sha256File(opts.path).catch(() => { throw new AppError('file-unreadable', `无法读取文件“${file}”`); });
  const bulkMode = opts.bulk ?? worthBulk(db, estimatedRows(bytes));
  // Bulk loading checks foreign keys once at the end (bulk.ts) instead of on every row; the pragma
  // only takes effect outside a transaction.
  const foreignKeys = bulkMode && db.pragma('foreign_keys', { simple: true }) === 1;
  // The index rebuilds sort the whole ledger: with temp_store=FILE the sorter spills to temporary
  // files (the OS cache) instead of growing this process by ~150 MB at city scale.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  if (bulkMode) db.pragma('temp_store = FILE');
  // A bulk load writes each page once and rebuilds indexes by sorting: a small page cache costs no
  // measurable time and keeps the whole-city import ~60 MB smaller (bench: peak RSS).
  if (bulkMode) db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
  try {
    return await runImport(db, opts, source, { file, sha256, started, bulkMode, foreignKeys });
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
    if (bulkMode) db.pragma(`temp_store = ${tempStore}`);
    if (bulkMode) db.pragma(`cache_size = ${cacheSize}`);
  }
}

interface RunInput {
  file: string;
  sha256: string;
  started: number;
  bulkMode: boolean;
  foreignKeys: boolean;
}

async function runImport(db: Db, opts: ImportOptions, source: EventSource, x: RunInput): Promise<FileReport> {
  const { file, sha256, started } = x;
  db.exec('BEGIN IMMEDIATE');
  try {
    const batchId = Number(db.prepare(`INSERT INTO import_batches (file_name, sha256, operator) VALUES (?, ?, ?)`).run(file, sha256, opts.operator).lastInsertRowid);
    const bulk = x.bulkMode ? BulkLoad.begin(db, batchId, x.foreignKeys) : null;
    const regions = new RegionResolver(db);
    const audit = auditWriter(db, opts.operator);
    const sink = new IssueSink();
    const w = new HouseholdWriter(db, batchId, audit, regions, sink, opts.clearBlanks === true);
    let summary: ReaderSummary | null = null;
    for await (const ev of source.events) {
      opts.checkCancel?.();
      if (ev.t === 'end') summary = ev.summary;
      else {
        w.apply(ev.ops);
        opts.onProgress?.({ read: ev.read, checked: ev.checked, total: ev.total });
      }
    }
    if (!summary) throw new AppError('internal', `读取文件“${file}”时意外中止`);
    w.finish(summary.refusedIds);
    bulk?.finish();
    // After the indexes are back: each created village is one indexed lookup.
    regions.dropUnused();
    refuseEmpty(opts, file, summary);
    const report = buildReport(db, w, regions, { opts, file, sha256, started, placeholder: batchId, summary, sink });
    const c = w.counts;
    const changed = c.households.added + c.households.updated + c.members.added + c.members.updated + c.members.removed > 0;
    // The gate: totals that disagree on many rows stop the file here, so the transaction rolls back whole.
    if (opts.mode === 'commit' && changed && !report.consistency.blocked) {
      report.batchId = batchId;
      saveBatch(db, audit, batchId, report, opts.mapping ?? {}, report, regions.created);
      db.exec('COMMIT');
    } else db.exec('ROLLBACK');
    report.millis = Date.now() - started;
    return report;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function refuseEmpty(opts: ImportOptions, file: string, s: ReaderSummary): void {
  if (!s.sheets.some((x) => x.skipped === null)) {
    throw new AppError('no-header', `文件“${file}”中没有找到可导入的表头：每个工作表的前 30 行里都没有同时含“姓名/户主姓名”和“身份证号码/户编号”等列的行。请检查是否选错了文件`);
  }
  // A header over nothing (or over a million empty rows) is an error to commit, not a silent "0 added".
  if (opts.mode === 'commit' && s.sheets.every((x) => x.skipped !== null || x.dataRows === 0)) {
    throw new AppError('no-data', `文件“${file}”有表头，但表头下面没有任何数据行（空行已跳过），没有可导入的内容。请检查是否选错了文件或工作表`);
  }
}

function mostCommon<K>(m: Map<K, number>): K | null {
  let best: K | null = null;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

interface ReportInput {
  opts: ImportOptions;
  file: string;
  sha256: string;
  started: number;
  placeholder: number;
  summary: ReaderSummary;
  sink: IssueSink;
}

function buildReport(db: Db, w: HouseholdWriter, regions: RegionResolver, x: ReportInput): FileReport {
  const township = mostCommon(w.townships);
  const same = db.prepare(`SELECT id FROM import_batches WHERE sha256 = ? AND status = 'committed' AND id <> ? ORDER BY id DESC LIMIT 1`).get(x.sha256, x.placeholder) as { id: number } | undefined;
  const countyCode = township ? township.slice(0, 6) : null;
  const countyName = countyCode ? (db.prepare('SELECT name FROM regions WHERE code = ?').get(countyCode) as { name: string } | undefined)?.name ?? null : null;
  const s = x.summary;
  const issues = mergeIssues(s, x.sink);
  const households = { ...w.counts.households, refused: w.counts.households.refused + s.refused.households };
  const members = { ...w.counts.members, refused: w.counts.members.refused + s.refused.members };
  return {
    file: x.file, path: x.opts.path, batchId: null, dryRun: x.opts.mode === 'preview',
    county: countyName, township: township ? regions.townshipName(township) : null, countyCode, townshipCode: township,
    year: mostCommon(w.years), households, members, ...issues,
    sheets: s.sheets, unmappedColumns: s.sheets.flatMap((p) => p.unmappedColumns), sha256: x.sha256, sameAsBatch: same?.id ?? null, rowsRead: s.rowsRead, millis: Date.now() - x.started,
    blanks: { ...w.counts.blanks },
    consistency: consistencyReport(x.file, s.totals, s.sheets.flatMap((p) => p.unmappedColumns), x.opts.acceptMismatch === true),
    ...changesOf(db, x.placeholder),
  };
}

/** Read from the batch's audit entries before the transaction ends (a preview rolls them back). */
function changesOf(db: Db, batchId: number): Pick<FileReport, 'changes' | 'changeCount'> {
  const { changes, total } = batchChanges(db, batchId, LIMITS.maxReportedChanges);
  return { changes, changeCount: total };
}

/** The reader's issues and the writer's (database refusals, removed members), in sheet and row order. */
function mergeIssues(s: ReaderSummary, sink: IssueSink): Pick<FileReport, 'errors' | 'warnings' | 'errorCount' | 'warningCount'> {
  const order = new Map(s.sheets.map((sh, i) => [sh.name, i]));
  const sorted = <T extends { sheet: string; row: number }>(list: T[]): T[] =>
    list.map((v, i) => ({ v, i })).sort((a, b) => (order.get(a.v.sheet) ?? 0) - (order.get(b.v.sheet) ?? 0) || a.v.row - b.v.row || a.i - b.i).map((e) => e.v);
  const cap = (list: ImportIssue[]): ImportIssue[] => list.slice(0, LIMITS.maxReportedIssues);
  return {
    errors: sink.errors.length ? cap(sorted([...s.errors, ...sink.errors])) : s.errors,
    warnings: sink.warnings.length ? cap(sorted([...s.warnings, ...sink.warnings])) : s.warnings,
    errorCount: s.errorCount + sink.errorCount,
    warningCount: s.warningCount + sink.warningCount,
  };
}

