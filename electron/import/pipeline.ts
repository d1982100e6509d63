/**
 * One file, end to end, inside one transaction: open and pre-check, find each sheet's header, group
 * rows into households, check them, write them. A preview runs exactly the same path and rolls back,
 * so its counts are what a commit would do; a commit that changed nothing also rolls back (importing
 * the same file twice leaves no trace). Any failure rolls back: nothing is ever half-written.
 */
import { basename } from 'node:path';
import type { FieldKey } from '../../shared/domain/import-headers.ts';
import { cellText } from '../../shared/domain/import-values.ts';
import type { FileReport, SheetPreview } from '../../shared/api/import.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter } from '../db/audit.ts';
import type { Db } from '../services/context.ts';
import { checkGroup, type FileState, type SheetContext } from './check.ts';
import { detectHeader, isNoteSheet, type MappingOverrides, type SheetLayout } from './header.ts';
import { IssueSink } from './issues.ts';
import { LIMITS } from './limits.ts';
import { RegionResolver, yearFromText } from './regions.ts';
import { classifyRow, Grouper, toCells, type RowGroup } from './rows.ts';
import { openSource, sha256File, type SheetSource } from './source.ts';
import { LedgerWriter } from './writer.ts';
import { columnLetters } from './xml.ts';
import type { SheetRow } from './sheet-stream.ts';
import { saveBatch, templateFor } from './batches.ts';

export interface ImportOptions {
  path: string;
  mode: 'preview' | 'commit';
  operator: string;
  year?: number | undefined;
  mapping?: MappingOverrides | undefined;
  onProgress?: (rows: number, total: number | null) => void;
  /** Checked between batches of rows; throwing from it cancels (and rolls back). */
  checkCancel?: () => void;
}

interface Run {
  db: Db;
  opts: ImportOptions;
  file: string;
  regions: RegionResolver;
  sink: IssueSink;
  writer: LedgerWriter;
  state: FileState;
  sheets: SheetPreview[];
  rows: number;
  totalRows: number | null;
  townships: Map<string, number>;
  years: Map<number, number>;
}

function preview(name: string, layout: SheetLayout | null, skipped: string | null): SheetPreview {
  return {
    name, skipped, level: layout?.level ?? null, dataRows: 0,
    headerRows: layout ? [layout.headerFirst, layout.headerLast] : null,
    columns: (layout?.columns ?? []).map((c) => ({ index: c.index, letter: columnLetters(c.index + 1), header: c.header, field: c.field, auto: c.auto })),
  };
}

function contextOf(run: Run, sheet: SheetSource, layout: SheetLayout, titles: SheetRow[]): SheetContext {
  const titleText = titles.flatMap((r) => r.cells.map((c) => cellText(c ?? null))).join(' ');
  const sources = [titleText, sheet.name, run.file];
  const found = { countyCode: null as string | null, townshipCode: null as string | null };
  for (const t of sources) {
    const r = run.regions.fromText(t);
    if (!found.countyCode) found.countyCode = r.countyCode;
    if (!found.townshipCode && r.townshipCode && (!found.countyCode || r.townshipCode.startsWith(found.countyCode))) found.townshipCode = r.townshipCode;
  }
  const titleYear = yearFromText(titleText) ?? yearFromText(sheet.name);
  return { sheet: sheet.name, layout, ...found, year: run.opts.year ?? titleYear ?? yearFromText(run.file) };
}

function handleGroup(run: Run, sc: SheetContext, g: RowGroup, mapped: ReadonlySet<FieldKey>): void {
  const checked = checkGroup(g, sc, run.state, run.regions, run.sink);
  if (!checked) {
    run.writer.counts.households.refused++;
    run.writer.counts.members.refused += g.rows.length;
    return;
  }
  const failure = run.writer.write(checked, mapped);
  if (failure) {
    run.sink.error({ sheet: sc.sheet, row: checked.firstRow, column: '', code: 'db-constraint', message: `数据库拒绝写入该户：${failure}` });
    run.writer.counts.households.refused++;
    run.writer.counts.members.refused += g.rows.length;
    return;
  }
  run.townships.set(checked.townshipCode, (run.townships.get(checked.townshipCode) ?? 0) + 1);
  if (checked.year !== null) run.years.set(checked.year, (run.years.get(checked.year) ?? 0) + 1);
}

async function processSheet(run: Run, sheet: SheetSource): Promise<void> {
  if (sheet.hidden) return void run.sheets.push(preview(sheet.name, null, '隐藏的工作表，未导入'));
  if (isNoteSheet(sheet.name)) return void run.sheets.push(preview(sheet.name, null, '说明类工作表，未导入'));
  const head: SheetRow[] = [];
  let layout: SheetLayout | null = null;
  let grouper: Grouper | null = null;
  let sc: SheetContext | null = null;
  let mapped: Set<FieldKey> = new Set();
  let sp: SheetPreview | null = null;
  for await (const batch of sheet.rows()) {
    run.opts.checkCancel?.();
    run.totalRows ??= sheet.info.dimensionRows;
    for (const row of batch) {
      run.rows++;
      if (run.rows > LIMITS.maxRowsPerFile) throw new AppError('file-too-large', `文件“${run.file}”超过 ${LIMITS.maxRowsPerFile} 行，已拒绝`);
      if (!layout) {
        head.push(row);
        if (head.length < LIMITS.headerScanRows) continue;
        layout = detectHeader(head, overridesFor(run, sheet, head));
        if (!layout) break;
        ({ grouper, sc, mapped, sp } = startSheet(run, sheet, layout, head));
        for (const r of head.filter((h) => h.n > layout!.headerLast)) feed(run, sc, grouper, r, mapped, sp);
        continue;
      }
      feed(run, sc!, grouper!, row, mapped, sp!);
    }
    run.opts.onProgress?.(run.rows, run.totalRows);
    if (head.length >= LIMITS.headerScanRows && !layout) break;
  }
  if (!layout && head.length < LIMITS.headerScanRows) {
    layout = detectHeader(head, overridesFor(run, sheet, head));
    if (layout) {
      ({ grouper, sc, mapped, sp } = startSheet(run, sheet, layout, head));
      for (const r of head.filter((h) => h.n > layout!.headerLast)) feed(run, sc, grouper, r, mapped, sp);
    }
  }
  if (!layout) return void run.sheets.push(preview(sheet.name, null, head.length ? '未找到表头（前 30 行中没有同时含“姓名/户主姓名”和“证件号码/户编号”的行）' : '空工作表'));
  const last = grouper!.flush();
  if (last) handleGroup(run, sc!, last, mapped);
}

/** Saved mappings: the default one, then the township's (found in the title, sheet or file name), then the caller's. */
function overridesFor(run: Run, sheet: SheetSource, head: SheetRow[]): MappingOverrides {
  const text = [head.slice(0, 5).flatMap((r) => r.cells.map((c) => cellText(c ?? null))).join(' '), sheet.name, run.file].join(' ');
  return { ...templateFor(run.db, run.regions.fromText(text).townshipCode), ...(run.opts.mapping ?? {}) };
}

function startSheet(run: Run, sheet: SheetSource, layout: SheetLayout, head: SheetRow[]) {
  const sc = contextOf(run, sheet, layout, head.filter((h) => h.n < layout.headerFirst));
  const sp = preview(sheet.name, layout, null);
  run.sheets.push(sp);
  const mapped = new Set([...layout.fieldCol.keys()]);
  return { grouper: new Grouper(layout), sc, mapped, sp };
}

function feed(run: Run, sc: SheetContext, grouper: Grouper, row: SheetRow, mapped: ReadonlySet<FieldKey>, sp: SheetPreview): void {
  if (classifyRow(row, sc.layout) !== 'data') return;
  sp.dataRows++;
  const done = grouper.push({ n: row.n, cells: toCells(row, sc.layout) });
  if (done) handleGroup(run, sc, done, mapped);
}

function mostCommon<K>(m: Map<K, number>): K | null {
  let best: K | null = null;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

export async function importFile(db: Db, opts: ImportOptions): Promise<FileReport> {
  const started = Date.now();
  const file = basename(opts.path);
  const sha256 = await sha256File(opts.path).catch(() => { throw new AppError('file-unreadable', `无法读取文件“${file}”`); });
  const source = await openSource(opts.path);
  db.exec('BEGIN IMMEDIATE');
  try {
    const batchId = Number(db.prepare(`INSERT INTO import_batches (file_name, sha256, operator) VALUES (?, ?, ?)`).run(file, sha256, opts.operator).lastInsertRowid);
    const regions = new RegionResolver(db);
    const audit = auditWriter(db, opts.operator);
    const run: Run = {
      db, opts, file, regions, sink: new IssueSink(), writer: new LedgerWriter(db, batchId, audit, regions),
      state: { seenIds: new Map(), seenHouseholds: new Map(), sheets: [] }, sheets: [], rows: 0, totalRows: null, townships: new Map(), years: new Map(),
    };
    for (const sheet of source.sheets) await processSheet(run, sheet);
    if (!run.sheets.some((s) => s.skipped === null)) {
      throw new AppError('no-header', `文件“${file}”中没有找到可导入的表头：每个工作表的前 30 行里都没有同时含“姓名/户主姓名”和“身份证号码/户编号”等列的行。请检查是否选错了文件`);
    }
    // A header over nothing (or over a million empty rows) is an error to commit, not a silent "0 added".
    if (opts.mode === 'commit' && run.sheets.every((s) => s.skipped !== null || s.dataRows === 0)) {
      throw new AppError('no-data', `文件“${file}”有表头，但表头下面没有任何数据行（空行已跳过），没有可导入的内容。请检查是否选错了文件或工作表`);
    }
    const report = buildReport(run, { file, sha256, started, placeholder: batchId });
    const c = run.writer.counts;
    const changed = c.households.added + c.households.updated + c.members.added + c.members.updated > 0;
    if (opts.mode === 'commit' && changed) {
      report.batchId = batchId;
      saveBatch(db, audit, batchId, report, run.opts.mapping ?? {}, run.sink, regions.created);
      db.exec('COMMIT');
    } else db.exec('ROLLBACK');
    report.millis = Date.now() - started;
    return report;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

function buildReport(run: Run, x: { file: string; sha256: string; started: number; placeholder: number }): FileReport {
  const township = mostCommon(run.townships);
  const same = run.db.prepare(`SELECT id FROM import_batches WHERE sha256 = ? AND status = 'committed' AND id <> ? ORDER BY id DESC LIMIT 1`).get(x.sha256, x.placeholder) as { id: number } | undefined;
  const countyCode = township ? township.slice(0, 6) : null;
  const countyName = countyCode ? (run.db.prepare('SELECT name FROM regions WHERE code = ?').get(countyCode) as { name: string } | undefined)?.name ?? null : null;
  return {
    file: x.file, path: run.opts.path, batchId: null, dryRun: run.opts.mode === 'preview',
    county: countyName, township: township ? run.regions.townshipName(township) : null, countyCode, townshipCode: township,
    year: mostCommon(run.years), households: run.writer.counts.households, members: run.writer.counts.members,
    errors: run.sink.errors, warnings: run.sink.warnings, errorCount: run.sink.errorCount, warningCount: run.sink.warningCount,
    sheets: run.sheets, sha256: x.sha256, sameAsBatch: same?.id ?? null, rowsRead: run.rows, millis: Date.now() - x.started,
  };
}

