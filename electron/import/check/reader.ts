/**
 * The reading half of an import: open the file, find each sheet's header, group rows into
 * households and check them. Everything here only reads the database (templates, the region
 * catalogue), so it can run on its own thread beside the writer (see reader.worker.ts): the two
 * halves then overlap, and the slower one sets the pace. Its output is an ordered stream of
 * operations for the writer — a sheet's mapped fields, a checked household, or "take back the
 * earlier part of a split household" — followed by a summary.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { cellText } from '../../../shared/domain/import-values.ts';
import { normalizeIdNumber } from '../../../shared/domain/id-number.ts';
import type { ImportIssue, SheetPreview } from '../../../shared/api/import.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../../db/types.ts';
import { templateFor } from '../batches.ts';
import { TUNING } from '../limits.ts';
import { checkGroup, newFileState, type CheckedHousehold, type FileState, type SheetContext } from './household.ts';
import { detectHeader, isNoteSheet, type MappingOverrides, type SheetLayout } from './header.ts';
import { IssueSink } from './issues.ts';
import { LIMITS } from '../limits.ts';
import { RegionResolver, yearFromText } from '../regions.ts';
import { classifyRow, Grouper, toCells, type RowGroup } from './rows.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import { openSource, type SheetSource } from '../formats/source.ts';
import { columnLetters } from '../xlsx/xml.ts';
import { UnmappedTracker } from './unmapped.ts';
import { detectWide, expandWideRow, WideTally } from '../formats/wide-rows.ts';
import { suggestField } from '../../../shared/domain/import-suggest.ts';
import type { TotalTallies } from '../../../shared/domain/import-consistency.ts';

export interface ReaderOptions {
  path: string;
  file: string;
  year?: number | undefined;
  mapping?: MappingOverrides | undefined;
  checkCancel?: () => void;
}

export type WriteOp =
  | { op: 'sheet'; sheet: string; mapped: FieldKey[]; level: 'member' | 'household' }
  | { op: 'household'; sheet: string; rows: number; h: CheckedHousehold }
  | { op: 'split'; key: string; sheet: string; row: number; rows: number; accepted: boolean };

export interface ReaderSummary {
  sheets: SheetPreview[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  errorCount: number;
  warningCount: number;
  refused: { households: number; members: number };
  rowsRead: number;
  /** ID numbers on rows of refused households: the file still lists these people (null: too many to keep). */
  refusedIds: string[] | null;
  /** The file's own totals against the mapping (the consistency gate). */
  totals: TotalTallies;
}

export type ReaderEvent =
  | { t: 'ops'; ops: WriteOp[]; read: number; checked: number; total: number | null }
  | { t: 'end'; summary: ReaderSummary };

class Reader {
  readonly sink = new IssueSink();
  readonly state: FileState = newFileState();
  readonly sheets: SheetPreview[] = [];
  readonly refused = { households: 0, members: 0 };
  rows = 0;
  checked = 0;
  refusedIds: Set<string> | null = new Set();
  totalRows: number | null = null;
  ops: WriteOp[] = [];
  private readonly regions: RegionResolver;
  private readonly db: Db;
  private readonly opts: ReaderOptions;
  private readonly sources: readonly SheetSource[];

  constructor(db: Db, opts: ReaderOptions, sources: readonly SheetSource[]) {
    this.db = db;
    this.opts = opts;
    this.sources = sources;
    this.regions = new RegionResolver(db);
  }

  private contextOf(sheet: SheetSource, layout: SheetLayout, titles: SheetRow[]): SheetContext {
    const titleText = titles.flatMap((r) => r.cells.map((c) => cellText(c ?? null))).join(' ');
    const found = { countyCode: null as string | null, townshipCode: null as string | null };
    for (const t of [titleText, sheet.name, this.opts.file]) {
      const r = this.regions.fromText(t);
      if (!found.countyCode) found.countyCode = r.countyCode;
      if (!found.townshipCode && r.townshipCode && (!found.countyCode || r.townshipCode.startsWith(found.countyCode))) found.townshipCode = r.townshipCode;
    }
    const titleYear = yearFromText(titleText) ?? yearFromText(sheet.name);
    return { sheet: sheet.name, layout, ...found, year: this.opts.year ?? titleYear ?? yearFromText(this.opts.file) };
  }

  /** Saved mappings: the default one, then the township's (found in the title, sheet or file name), then the caller's. */
  overridesFor(sheet: SheetSource, head: SheetRow[]): MappingOverrides {
    const text = [head.slice(0, 5).flatMap((r) => r.cells.map((c) => cellText(c ?? null))).join(' '), sheet.name, this.opts.file].join(' ');
    return { ...templateFor(this.db, this.regions.fromText(text).townshipCode), ...(this.opts.mapping ?? {}) };
  }

  startSheet(sheet: SheetSource, layout: SheetLayout, head: SheetRow[]): SheetRun {
    const sc = this.contextOf(sheet, layout, head.filter((h) => h.n < layout.headerFirst));
    const sp = preview(sheet.name, layout, null);
    this.sheets.push(sp);
    this.ops.push({ op: 'sheet', sheet: sheet.name, mapped: [...layout.fieldCol.keys()], level: layout.level });
    return { grouper: new Grouper(layout), sc, sp, unmapped: new UnmappedTracker(layout), wide: layout.wide ? new WideTally(layout.wide) : null };
  }

  feed(s: SheetRun, row: SheetRow): void {
    if (classifyRow(row, s.sc.layout) !== 'data') {
      this.checked++;
      return;
    }
    s.sp.dataRows++;
    s.unmapped.observe(row);
    if (s.wide) return this.feedWide(s, s.wide, row);
    const done = s.grouper.push({ n: row.n, cells: toCells(row, s.sc.layout) });
    if (done) this.group(s.sc, done);
  }

  /** A wide row: one member per filled column group, each pushed like a member-level row. */
  private feedWide(s: SheetRun, tally: WideTally, row: SheetRow): void {
    const w = expandWideRow(tally.spec, row);
    tally.add(w);
    for (const b of w.leftOut) {
      this.sink.warn({ sheet: s.sc.sheet, row: row.n, column: Object.values(b.headers)[0] ?? '', code: 'wide-empty-group',
        message: `${b.label}（${b.letters} 列）：没有姓名和证件号码，但填了其他内容，这一组未导入` });
    }
    if (w.members.length === 0) {
      const groups = tally.spec.blocks.map((b) => `${b.label}（${b.letters} 列）`).join('、');
      this.sink.error({ sheet: s.sc.sheet, row: row.n, column: '', code: 'wide-no-member', message: `本行的成员列组 ${groups} 都没有姓名和证件号码，这一户未导入` });
      this.refused.households++;
      this.checked++;
      return;
    }
    for (const m of w.members) {
      const done = s.grouper.push(m);
      if (done) this.group(s.sc, done);
    }
  }

  group(sc: SheetContext, g: RowGroup): void {
    const checked = checkGroup(g, sc, this.state, this.regions, this.sink);
    for (const p of this.state.splits) this.ops.push({ op: 'split', ...p });
    this.state.splits.length = 0;
    // Progress counts the file's rows: on a wide sheet a household's members share one row.
    this.checked += sc.layout.wide ? new Set(g.rows.map((x) => x.n)).size : g.rows.length;
    if (checked) this.ops.push({ op: 'household', sheet: sc.sheet, rows: g.rows.length, h: checked });
    else {
      this.refused.households++;
      this.refused.members += g.rows.length;
      this.rememberRefused(g);
    }
  }

  /**
   * Rows in the file, for the progress bar: the sheets' own dimensions when every sheet has one,
   * else extrapolated from the share of the sheets' XML inflated so far.
   */
  estimateTotal(current: SheetSource): void {
    const all = this.sources;
    if (all.every((s) => s.info.dimensionRows !== null || s.info.bytesTotal === 0) && current.info.dimensionRows !== null) {
      this.totalRows = all.reduce((n, s) => n + (s.info.dimensionRows ?? 0), 0);
      return;
    }
    const done = all.reduce((n, s) => n + s.info.bytesRead, 0);
    const total = all.reduce((n, s) => n + s.info.bytesTotal, 0);
    if (done > 0 && total > 0 && this.rows > 0) this.totalRows = Math.max(this.rows, Math.round((this.rows * total) / done));
  }

  /** People on refused rows are still in the file: a roster elsewhere must not remove them. */
  private rememberRefused(g: RowGroup): void {
    if (this.refusedIds === null) return;
    for (const row of g.rows) {
      const id = normalizeIdNumber(cellText(row.cells.idNumber ?? row.cells.headIdNumber ?? null));
      if (id.length === 18) this.refusedIds.add(id);
    }
    if (this.refusedIds.size > MAX_REFUSED_IDS) this.refusedIds = null;
  }

  countRow(): void {
    this.rows++;
    if (this.rows > LIMITS.maxRowsPerFile) throw new AppError('file-too-large', `文件“${this.opts.file}”超过 ${LIMITS.maxRowsPerFile} 行，已拒绝`);
  }

  take(): ReaderEvent {
    const ops = this.ops;
    this.ops = [];
    return { t: 'ops', ops, read: this.rows, checked: this.checked, total: this.totalRows };
  }

  summary(): ReaderSummary {
    const { errors, warnings, errorCount, warningCount } = this.sink;
    const refusedIds = this.refusedIds ? [...this.refusedIds] : null;
    return { sheets: this.sheets, errors, warnings, errorCount, warningCount, refused: this.refused, rowsRead: this.rows, refusedIds, totals: this.state.totals };
  }
}

interface SheetRun {
  grouper: Grouper;
  sc: SheetContext;
  sp: SheetPreview;
  unmapped: UnmappedTracker;
  wide: WideTally | null;
}

function preview(name: string, layout: SheetLayout | null, skipped: string | null): SheetPreview {
  return {
    name, skipped, level: layout?.level ?? null, dataRows: 0, unmappedColumns: [], layoutNote: null,
    headerRows: layout ? [layout.headerFirst, layout.headerLast] : null,
    columns: (layout?.columns ?? []).map((c) => ({ index: c.index, letter: columnLetters(c.index + 1), header: c.header, field: c.field, auto: c.auto,
      suggestion: c.field === null && c.auto === null ? suggestField(c.header) : null })),
  };
}

const MAX_REFUSED_IDS = TUNING.maxRefusedIds;

const NO_HEADER = '未找到表头（前 30 行中没有同时含“姓名/户主姓名”和“证件号码/户编号”的行）';

/** One sheet: header from the first rows, then every row fed to the grouper; yields after each batch. */
async function* readSheet(r: Reader, sheet: SheetSource, checkCancel?: () => void): AsyncGenerator<ReaderEvent> {
  if (sheet.hidden) return void r.sheets.push(preview(sheet.name, null, '隐藏的工作表，未导入'));
  if (isNoteSheet(sheet.name)) return void r.sheets.push(preview(sheet.name, null, '说明类工作表，未导入'));
  const head: SheetRow[] = [];
  let run: SheetRun | null = null;
  let searched = false;
  const begin = (): void => {
    searched = true;
    const overrides = r.overridesFor(sheet, head);
    const layout = detectWide(head, overrides) ?? detectHeader(head, overrides);
    if (!layout) return;
    run = r.startSheet(sheet, layout, head);
    for (const h of head) {
      if (h.n > layout.headerLast) r.feed(run, h);
      else r.checked++;
    }
  };
  for await (const batch of sheet.rows()) {
    checkCancel?.();
    r.estimateTotal(sheet);
    for (const row of batch) {
      r.countRow();
      if (run) r.feed(run, row);
      else if (!searched) {
        head.push(row);
        if (head.length >= LIMITS.headerScanRows) begin();
      }
    }
    yield r.take();
    if (searched && !run) break;
  }
  if (!searched) begin();
  if (!run) return void r.sheets.push(preview(sheet.name, null, head.length ? NO_HEADER : '空工作表'));
  const done = run as SheetRun;
  const last = done.grouper.flush();
  if (last) r.group(done.sc, last);
  done.sp.unmappedColumns = done.unmapped.finish(sheet.name, done.sc.layout.headerLast, r.sink);
  if (done.wide) done.sp.layoutNote = done.wide.note();
  yield r.take();
}

/** Reads and checks a whole file; `db` is only read. */
export async function* readFile(db: Db, opts: ReaderOptions): AsyncGenerator<ReaderEvent> {
  const source = await openSource(opts.path);
  const r = new Reader(db, opts, source.sheets);
  for (const sheet of source.sheets) yield* readSheet(r, sheet, opts.checkCancel);
  yield { t: 'end', summary: r.summary() };
}
