/**
 * Streams a worksheet's rows with merged ranges already applied (every cell of a range carries the
 * value of its top-left cell), so a household cell merged down over its member rows reaches every
 * member row. A sheet stores its merged ranges after its rows, so the part is read twice: a cheap
 * first pass (merges.ts) inflates it and keeps only the ranges, compactly; this second pass parses
 * rows and fills from the few ranges active at the current row. Memory therefore depends on the
 * number of ranges, never on the number of rows.
 */
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../../shared/errors.ts';
import type { RawCell } from '../../../shared/domain/import-values.ts';
import { LIMITS } from '../limits.ts';
import { decodeXml, richText, rootPrefix } from './xml.ts';
import { MergeFiller } from './merges.ts';
import type { SharedStrings } from './packed-strings.ts';
import { serialToDate } from './workbook.ts';
import { streamEntry, type ZipArchive, type ZipEntry } from './zip.ts';

export interface SheetRow {
  /** Excel row number (1-based). */
  n: number;
  /** cells[0] is column A. */
  cells: RawCell[];
}

export interface CellContext {
  sst: SharedStrings;
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** Index just after `key` within [from, to), or -1. Works on the chunk text without slicing it. */
function after(buf: string, key: string, from: number, to: number): number {
  // Bounded on purpose: an unbounded indexOf for an absent attribute would scan the rest of the chunk.
  for (let k = from, last = to - key.length; k <= last; k++) {
    if (buf.charCodeAt(k) === key.charCodeAt(0) && buf.startsWith(key, k)) return k + key.length;
  }
  return -1;
}

/** Digits at `at` as an integer (shared-string and style indexes), without allocating. */
function intAt(buf: string, at: number): number {
  let n = 0;
  for (let k = at; ; k++) {
    const c = buf.charCodeAt(k);
    if (c < 48 || c > 57) return n;
    n = n * 10 + (c - 48);
  }
}

/** Column letters at `at` ("AB12" → 28). */
function columnAt(buf: string, at: number): number {
  let n = 0;
  for (let k = at; ; k++) {
    const c = buf.charCodeAt(k);
    if (c < 65 || c > 90) return n;
    n = n * 26 + (c - 64);
  }
}

/** A sheet's tags with its namespace prefix, built once: per cell they were garbage a million times over. */
export interface SheetTags {
  p: string;
  c: string;
  cEnd: string;
  v: string;
  vEnd: string;
  f: string;
}

export function sheetTags(p: string): SheetTags {
  return { p, c: `<${p}c`, cEnd: `</${p}c>`, v: `<${p}v>`, vEnd: `</${p}v>`, f: `<${p}f` };
}

function cellValue(buf: string, from: number, to: number, t: string | null, style: number, tags: SheetTags, ctx: CellContext): RawCell {
  if (t === 'inlineStr') return richText(buf.slice(from, to), tags.p);
  const v0 = after(buf, tags.v, from, to);
  if (v0 < 0) {
    if (after(buf, tags.f, from, to) < 0) return null;
    const f = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/.exec(buf.slice(from, to));
    return { k: 'nocache', f: decodeXml(f?.[1] ?? '（共享公式）') };
  }
  if (t === 's') return ctx.sst.get(intAt(buf, v0)) ?? null;
  if (t === null || t === 'n') return numberCell(buf, v0, style, tags, ctx);
  const v = buf.slice(v0, buf.indexOf(tags.vEnd, v0));
  switch (t) {
    case 'str': return decodeXml(v);
    case 'b': return v === '1';
    case 'e': return { k: 'error', v: decodeXml(v) };
    case 'd': return { k: 'date', v: v.slice(0, 10), n: NaN };
    default: return numberCell(buf, v0, style, tags, ctx);
  }
}

/** A number cell; a date when its style is a date format. */
function numberCell(buf: string, v0: number, style: number, tags: SheetTags, ctx: CellContext): RawCell {
  const whole = plainIntAt(buf, v0);
  const num = whole >= 0 ? whole : Number(buf.slice(v0, buf.indexOf(tags.vEnd, v0)));
  if (style >= 0 && ctx.dateStyles[style] === true && Number.isFinite(num)) return { k: 'date', v: serialToDate(num, ctx.date1904), n: num };
  return num;
}

/**
 * The value at `at` when it is 1–15 plain digits up to the closing tag (exact as a double, and what
 * Number() would give), else -1 for Number() to parse. Most amounts are whole yuan: no substring.
 */
function plainIntAt(buf: string, at: number): number {
  let n = 0;
  for (let k = at; k < at + 16; k++) {
    const c = buf.charCodeAt(k);
    if (c === 60) return k > at ? n : -1;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return -1;
}

/**
 * The attributes of the cell tag that starts at `from` and ends at `gt`, read in one pass. Results go
 * to module state rather than an object: this runs for every cell of the file.
 */
let tagColumn = 0;
let tagStyle = -1;
let tagTypeAt = -1;
function scanCellTag(buf: string, from: number, gt: number): void {
  tagColumn = 0;
  tagStyle = -1;
  tagTypeAt = -1;
  for (let k = from; k < gt; k++) {
    // ` r="`, ` s="`, ` t="`; longer names (cm=, vm=, ph=) fail the '=' test.
    if (buf.charCodeAt(k) !== 32 || buf.charCodeAt(k + 2) !== 61 || buf.charCodeAt(k + 3) !== 34) continue;
    const name = buf.charCodeAt(k + 1);
    if (name === 114) tagColumn = columnAt(buf, k + 4);
    else if (name === 115) tagStyle = intAt(buf, k + 4);
    else if (name === 116) tagTypeAt = k + 4;
  }
}

/** The cell's t attribute: 's' (nearly every text cell) without cutting a substring, else its text. */
function tagType(buf: string): string | null {
  if (tagTypeAt < 0) return null;
  if (buf.charCodeAt(tagTypeAt) === 115 && buf.charCodeAt(tagTypeAt + 1) === 34) return 's';
  return buf.slice(tagTypeAt, buf.indexOf('"', tagTypeAt));
}

/**
 * Parses the cells of one `<row>` body (between `<row …>` and `</row>`). Everything is located by
 * index in the chunk text; only values are cut out, so a city file makes little garbage.
 */
export function parseRowCells(buf: string, start: number, end: number, tags: SheetTags, ctx: CellContext): RawCell[] {
  const cells: RawCell[] = [];
  const cOpen = tags.c;
  const cClose = tags.cEnd;
  let col = 0;
  let i = buf.indexOf(cOpen, start);
  while (i >= 0 && i < end) {
    const ch = buf.charCodeAt(i + cOpen.length);
    const gt = buf.indexOf('>', i);
    if (ch !== 32 && ch !== 62 && ch !== 47) {
      i = buf.indexOf(cOpen, gt);
      continue;
    }
    scanCellTag(buf, i + cOpen.length, gt);
    col = tagColumn > 0 ? tagColumn : col + 1;
    if (buf.charCodeAt(gt - 1) === 47) {
      i = buf.indexOf(cOpen, gt);
      continue;
    }
    const close = buf.indexOf(cClose, gt);
    if (col <= LIMITS.maxColumns) {
      const v = cellValue(buf, gt + 1, close, tagType(buf), tagStyle, tags, ctx);
      if (v !== null) cells[col - 1] = v;
    }
    i = buf.indexOf(cOpen, close + cClose.length);
  }
  for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  return cells;
}

export interface RowStreamInfo {
  /** Last row of the `<dimension>` element, when the writer gave one (for progress). */
  dimensionRows: number | null;
  /** Bytes of the sheet's XML inflated so far, and in all (for a progress estimate without a dimension). */
  bytesRead: number;
  bytesTotal: number;
}

/** Pass 2: yields batches of rows, merges applied. `info` is filled once the sheet header is read. */
export async function* streamSheetRows(zip: ZipArchive, e: ZipEntry, file: string, ctx: CellContext, merges: Int32Array, info: RowStreamInfo): AsyncGenerator<SheetRow[]> {
  const decoder = new StringDecoder('utf8');
  const filler = new MergeFiller(merges);
  let buf = '';
  let p: string | null = null;
  let tags: SheetTags | null = null;
  let lastRow = 0;
  let rowsDone = false;
  info.bytesTotal = e.uncompressedSize;
  for await (const chunk of streamEntry(zip, e, file)) {
    info.bytesRead += chunk.length;
    buf += decoder.write(chunk);
    if (p === null) {
      p = rootPrefix(buf);
      tags = sheetTags(p);
      const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(buf);
      info.dimensionRows = dim ? Number(dim[1]) : null;
    }
    if (rowsDone) {
      buf = buf.slice(-64);
      continue;
    }
    const rOpen = `<${p}row`;
    const rClose = `</${p}row>`;
    const batch: SheetRow[] = [];
    let pos = 0;
    for (;;) {
      const i = buf.indexOf(rOpen, pos);
      if (i < 0) break;
      const gt = buf.indexOf('>', i);
      if (gt < 0) break;
      const ch = buf.charCodeAt(i + rOpen.length);
      if (ch !== 32 && ch !== 62 && ch !== 47) {
        pos = gt + 1;
        continue;
      }
      const rAt = after(buf, ' r="', i, gt);
      const n = rAt >= 0 ? intAt(buf, rAt) : lastRow + 1;
      if (buf.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        lastRow = n;
        continue;
      }
      const end = buf.indexOf(rClose, gt);
      if (end < 0) break;
      const row: SheetRow = { n, cells: parseRowCells(buf, gt + 1, end, tags!, ctx) };
      filler.apply(row);
      batch.push(row);
      lastRow = n;
      pos = end + rClose.length;
    }
    buf = buf.slice(pos);
    // After </sheetData> only the merged ranges (read in pass 1) and the end tag follow: keep just a
    // tail for the completeness check, not a city file's 30 MB of <mergeCell> text.
    if (rowsDone || buf.includes(`</${p}sheetData>`)) {
      rowsDone = true;
      buf = buf.slice(-64);
    }
    if (batch.length) yield batch;
  }
  // A sheet cut off mid-XML (a half-written file) must not read as "a sheet with fewer rows".
  if (p !== null && !buf.trimEnd().endsWith(`</${p}worksheet>`)) {
    throw new AppError('file-unreadable', `文件“${file}”已损坏或不完整（${e.name} 的内容不完整），请用 Excel/WPS 打开后另存为 .xlsx 再导入`);
  }
}
