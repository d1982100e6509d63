/**
 * The layout every upward form shares (ARCHITECTURE "Export rules", DOMAIN §7.1): a merged title, the
 * 填报单位 / 单位 / 填报日期 line, one to three header rows with merged groups, data rows styled by
 * column with shared frozen style objects (exceljs caches a style id per object, so sharing one
 * object per column costs ~nothing, while a fresh object per cell costs 4×), a 合计 row, the
 * signature footer, landscape A4 fit to width with the header rows repeated on every page.
 *
 * Forms write through exceljs's streaming WorkbookWriter so a 37万-row ledger never sits in memory;
 * a FormSheet commits each row as it is added.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/types.ts';
import { getSetting } from '../db/meta.ts';
import { BAND_STYLE, cellStyle, HEADER_STYLE, INFO_CENTER, INFO_LEFT, INFO_RIGHT, NO_STYLE, NOTE_STYLE, SOURCE_STYLE, TITLE_STYLE } from './layout-styles.ts';
import { formatDateCn, headerDepth, headerMerges, headerPath, neutralize, segments } from './layout-header.ts';
import { DEMO_PAGE_HEADER, DEMO_TITLE_SUFFIX, NO_MARKS, type BookMarks } from './marks.ts';
import { DirectRows, type SheetInternals } from './direct-rows.ts';

export { NUM_FMT } from './layout-styles.ts';
export { formatDateCn, headerDepth, headerMerges, neutralize, segments } from './layout-header.ts';

/** How a column's values are shown; `id` and `text` are stored as text ('@'), the rest as numbers. */
export type ColumnKind = 'seq' | 'text' | 'id' | 'money' | 'percent' | 'count';

export interface FormColumn {
  /** Header path, top group first: '乡镇' or ['人均纯收入构成', '工资性']. Up to three levels. */
  header: string | readonly string[];
  width: number;
  kind: ColumnKind;
}

export interface Signatures {
  unitName: string;
  unitHead: string;
  reviewer: string;
  operator: string;
  contactPhone: string;
}

export interface FormMeta {
  title: string;
  signatures: Signatures;
  /** Defaults to '单位：元、户、人'. */
  unitLine?: string;
  /** 填报日期; defaults to today. */
  date?: Date;
  /** Columns frozen at the left (e.g. 序号 + 乡镇). */
  frozenColumns?: number;
  /** Wide forms (25+ columns) print on A3 so the fitted text stays readable; default A4. */
  paper?: 'A4' | 'A3';
  /** 筛选条件 written in the title block, below the info line (list exports). */
  filterLine?: string;
  /** Sheet tab name; defaults to the title cut to Excel's 31 characters. */
  sheetName?: string;
  /**
   * Style only the cells that hold a value (large ledgers): an empty, unstyled cell is not written
   * at all, which saves a third of the XML of a 37万-row ledger, at the cost of grid lines there.
   */
  sparse?: boolean;
}

export type CellValue = string | number | null | undefined;
export type RowKind = 'data' | 'subtotal' | 'total';

/** Settings keys shared with the 设置 page (integrity issue). Missing names print as blanks to fill by hand. */
export function readSignatures(db: Db): Signatures {
  const get = (k: string): string => (getSetting(db, k) ?? '').trim();
  return {
    unitName: get('unit_name'),
    unitHead: get('unit_head'),
    reviewer: get('reviewer'),
    operator: get('operator'),
    contactPhone: get('contact_phone'),
  };
}

/** Bytes the sheet's zip entry may hold unwritten before the writer waits (keeps memory flat). */
const HIGH_WATER = 8 * 1024 * 1024;

export interface FormWorkbook {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** The demo mark and the data note every sheet of this book carries (marks.ts). */
  marks: BookMarks;
  commit(): Promise<void>;
}

/**
 * A streaming workbook. Inline strings (no shared-string table) keep memory flat on large ledgers.
 * The marks live on the book, so every form writer gets them without passing them along.
 */
export function openFormWorkbook(outPath: string, marks: BookMarks = NO_MARKS): FormWorkbook {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: outPath, useStyles: true, useSharedStrings: false });
  workbook.creator = '脱贫人口增收台账';
  return { workbook, marks, commit: () => workbook.commit() };
}

/** Four signature blocks spread over the width: [label, value]. */
function footerParts(s: Signatures): Array<[string, string]> {
  return [['单位负责人：', s.unitHead], ['审核人：', s.reviewer], ['填报人：', s.operator], ['联系电话：', s.contactPhone]];
}

/**
 * One form on one worksheet. The constructor writes the title, info line and header block; rows
 * are committed as they are added; `finish()` writes the footer and commits the sheet.
 */
export class FormSheet {
  readonly sheet: ExcelJS.Worksheet;
  readonly columns: readonly FormColumn[];
  /** Row number of the first data row. */
  readonly firstDataRow: number;
  /** Row number of the first header row (3, or 4 below a filter line). */
  private readonly top: number;
  private readonly meta: FormMeta;
  private readonly marks: BookMarks;
  private readonly styles: Record<RowKind, ReadonlyArray<Partial<ExcelJS.Style>>>;
  private dataRows = 0;
  /** The fast path for the big member sheet (addDirectRow); flushed before exceljs writes a row again. */
  private direct: DirectRows | null = null;

  constructor(book: FormWorkbook, columns: readonly FormColumn[], meta: FormMeta) {
    this.columns = columns;
    this.marks = book.marks;
    this.meta = book.marks.demo && !meta.title.endsWith(DEMO_TITLE_SUFFIX) ? { ...meta, title: `${meta.title}${DEMO_TITLE_SUFFIX}` } : meta;
    const depth = headerDepth(columns);
    // A filter line (list exports) sits between the info line and the header block.
    this.top = meta.filterLine ? 4 : 3;
    this.firstDataRow = this.top + depth;
    const plain = columns.map((c) => cellStyle(c.kind, false));
    const bold = columns.map((c) => cellStyle(c.kind, true));
    this.styles = { data: plain, subtotal: bold, total: bold };
    this.sheet = book.workbook.addWorksheet((meta.sheetName ?? meta.title).slice(0, 31), {
      views: [{ state: 'frozen', xSplit: meta.frozenColumns ?? 0, ySplit: this.top - 1 + depth, showGridLines: false }],
      pageSetup: {
        // 8 = A3, 9 = A4 (Excel's paper codes; exceljs's enum lists no A3).
        paperSize: (meta.paper === 'A3' ? 8 : 9) as number as ExcelJS.PaperSize, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
        horizontalCentered: true, printTitlesRow: `${this.top}:${this.top - 1 + depth}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页', ...(book.marks.demo ? { oddHeader: DEMO_PAGE_HEADER } : {}) },
      properties: { defaultRowHeight: 18 },
    });
    this.sheet.columns = columns.map((c) => ({ width: c.width }));
    this.writeTitle();
    this.writeHeader(depth);
  }

  private writeTitle(): void {
    const n = this.columns.length;
    const s = this.meta.signatures;
    const title = this.sheet.getRow(1);
    title.height = 32;
    title.getCell(1).value = this.meta.title;
    title.getCell(1).style = TITLE_STYLE;
    this.sheet.mergeCells(1, 1, 1, n);
    const [left, mid, right] = segments(n, 3);
    const info = this.sheet.getRow(2);
    const put = (seg: [number, number] | undefined, text: string, style: Partial<ExcelJS.Style>): void => {
      if (!seg) return;
      info.getCell(seg[0]).value = text;
      info.getCell(seg[0]).style = style;
      if (seg[1] > seg[0]) this.sheet.mergeCells(2, seg[0], 2, seg[1]);
    };
    put(left, `填报单位（盖章）：${s.unitName}`, INFO_LEFT);
    put(mid, this.meta.unitLine ?? '单位：元、户、人', INFO_CENTER);
    put(right, `填报日期：${formatDateCn(this.meta.date ?? new Date())}`, INFO_RIGHT);
    title.commit();
    info.commit();
    if (this.meta.filterLine) {
      const line = this.sheet.getRow(3);
      line.getCell(1).value = neutralize(this.meta.filterLine);
      line.getCell(1).style = SOURCE_STYLE;
      line.height = 30;
      if (n > 1) this.sheet.mergeCells(3, 1, 3, n);
      line.commit();
    }
  }

  private writeHeader(depth: number): void {
    for (let level = 0; level < depth; level++) {
      const row = this.sheet.getRow(this.top + level);
      row.height = 24;
      this.columns.forEach((c, i) => {
        const p = headerPath(c);
        const cell = row.getCell(i + 1);
        cell.value = p[Math.min(level, p.length - 1)] ?? '';
        cell.style = HEADER_STYLE;
      });
    }
    for (const [r1, c1, r2, c2] of headerMerges(this.columns, this.top)) this.sheet.mergeCells(r1, c1, r2, c2);
    for (let level = 0; level < depth; level++) this.sheet.getRow(this.top + level).commit();
  }

  /** Adds and commits one row; text cells are neutralised, every cell gets its column's shared style. */
  addRow(values: readonly CellValue[], kind: RowKind = 'data'): ExcelJS.Row {
    this.direct?.flush();
    const cells = new Array<CellValue>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      cells[i] = typeof v === 'string' ? neutralize(v) : v ?? null;
    }
    const row = this.sheet.addRow(cells);
    // exceljs gives each row a fresh `{}` style, which misses its per-object style cache and costs a
    // style lookup per row; a shared empty style hits the cache.
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = NO_STYLE;
    const styles = this.styles[kind];
    const sparse = this.meta.sparse === true && kind === 'data';
    // An empty cell keeps a shared empty style (not exceljs's fresh `{}`), so it stays unwritten and cheap.
    for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = sparse && cells[i] === null ? NO_STYLE : (styles[i] as Partial<ExcelJS.Style>);
    row.commit();
    this.dataRows++;
    return row;
  }

  /**
   * A plain data row written as sheet XML directly (direct-rows.ts): the same cells addRow would
   * write, at a fifth of the cost, for the 37万-row ledger. Returns nothing: the row is gone.
   */
  addDirectRow(values: readonly CellValue[]): void {
    if (!this.direct) {
      const styles = (this.sheet as unknown as { workbook: { styles: { addStyleModel(s: Partial<ExcelJS.Style>): number } } }).workbook.styles;
      const ids = this.styles.data.map((s) => styles.addStyleModel(s));
      this.direct = new DirectRows(this.sheet as unknown as SheetInternals, ids, this.meta.sparse === true);
    }
    this.direct.add(values);
    this.dataRows++;
  }

  /**
   * One text cell merged across the whole width (group headings, the household lines of a
   * 一户一策 block). `band` is bold, `note` plain; neither counts as a data row.
   */
  addMergedRow(text: string, look: 'band' | 'note' = 'band', height?: number): ExcelJS.Row {
    this.direct?.flush();
    const row = this.sheet.addRow([neutralize(text)]);
    if (height) row.height = height;
    const style = look === 'band' ? BAND_STYLE : NOTE_STYLE;
    for (let i = 1; i <= this.columns.length; i++) row.getCell(i).style = style;
    if (this.columns.length > 1) this.sheet.mergeCells(row.number, 1, row.number, this.columns.length);
    row.commit();
    return row;
  }

  /**
   * Waits while the compressor is behind. exceljs pushes committed rows into the zip entry without
   * honouring backpressure, so a fast producer would buffer the whole sheet in memory; waiting for
   * 'drain' on the entry's stream (an exceljs internal, hence the guarded access) keeps memory flat.
   */
  async drained(): Promise<void> {
    this.direct?.flush();
    type Pipe = NodeJS.WritableStream & { writableLength?: number; _writableState?: { length?: number } };
    const stream = (this.sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream;
    const pipe = stream?.pipes?.[0];
    // archiver's entry is a readable-stream v2 PassThrough: no writableLength, only _writableState.
    const queued = pipe ? pipe.writableLength ?? pipe._writableState?.length ?? 0 : 0;
    if (!pipe || queued <= HIGH_WATER) return;
    // A stream that errors or closes never drains; the timer makes sure the export never hangs on it.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pipe.removeListener('drain', done);
        pipe.removeListener('close', done);
        pipe.removeListener('error', done);
        resolve();
      };
      const timer = setTimeout(done, 2_000);
      pipe.once('drain', done);
      pipe.once('close', done);
      pipe.once('error', done);
    });
  }

  /** A page break after the last added row (一户一策: one household per printed page). */
  breakPage(row: ExcelJS.Row): void {
    row.addPageBreak();
  }

  get rowCount(): number {
    return this.dataRows;
  }

  /** The title as printed (with the demo suffix when the book is marked). */
  get title(): string {
    return this.meta.title;
  }

  /**
   * Writes the footer — one blank row below the data (the preview stops there), the data note
   * (source, date) and the signatures — and commits the sheet.
   */
  finish(): void {
    this.direct?.flush();
    const n = this.columns.length;
    this.sheet.addRow([]).commit();
    if (this.marks.note) {
      const note = this.sheet.addRow([neutralize(this.marks.note)]);
      note.getCell(1).style = SOURCE_STYLE;
      if (n > 1) this.sheet.mergeCells(note.number, 1, note.number, n);
      note.commit();
    }
    const row = this.sheet.addRow([]);
    row.height = 24;
    const parts = footerParts(this.meta.signatures);
    const segs = segments(n, Math.min(parts.length, n));
    segs.forEach(([from, to], i) => {
      const [label, value] = parts[i] as [string, string];
      row.getCell(from).value = `${label}${value}`;
      row.getCell(from).style = INFO_LEFT;
      if (to > from) this.sheet.mergeCells(row.number, from, row.number, to);
    });
    row.commit();
    this.sheet.commit();
  }
}
