/**
 * Streams a worksheet's rows with merged ranges already applied (every cell of a range carries the
 * value of its top-left cell), so a household cell merged down over its member rows reaches every
 * member row. A sheet stores its merged ranges after its rows, so the part is read twice: a cheap
 * first pass inflates it and keeps only the `<mergeCell>` list (16 bytes per range); the second pass
 * parses rows and fills from a small set of ranges active at the current row. Memory therefore
 * depends on the number of ranges, never on the number of rows.
 */
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../shared/errors.ts';
import type { RawCell } from '../../shared/domain/import-values.ts';
import { LIMITS } from './limits.ts';
import { decodeXml, parseRange, richText, rootPrefix } from './xml.ts';
import { serialToDate } from './xlsx.ts';
import { streamEntry, type ZipArchive, type ZipEntry } from './zip.ts';

export interface SheetRow {
  /** Excel row number (1-based). */
  n: number;
  /** cells[0] is column A. */
  cells: RawCell[];
}

export interface CellContext {
  sst: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/**
 * A growable Int32Array of [r1, c1, r2, c2] records. Household cells merged down over member rows
 * are one-column ranges side by side with the same rows: they are kept as one strip record, so the
 * city file's 1.3M ranges take ~90k records (1.4 MB) instead of 21 MB.
 */
class IntList {
  data = new Int32Array(4096);
  length = 0;
  /** Extends the last record when it is a strip over the same rows that ends just left of `col`. */
  extendStrip(r1: number, col: number, r2: number): boolean {
    const k = this.length - 4;
    if (k < 0 || this.data[k]! !== r1 || this.data[k + 2]! !== r2 || this.data[k + 1]! >= 0 || this.data[k + 3]! !== col - 1) return false;
    this.data[k + 3] = col;
    return true;
  }
  push4(a: number, b: number, c: number, d: number): void {
    if (this.length + 4 > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
    this.data[this.length++] = d;
  }
}

/** Sorts ranges by first row; writers emit them in row order, so this is usually a no-op check. */
function sortedByRow(list: IntList): Int32Array {
  const m = list.data.subarray(0, list.length);
  let sorted = true;
  for (let k = 4; k < m.length && sorted; k += 4) sorted = m[k - 4]! <= m[k]!;
  if (sorted) return m.slice();
  const n = m.length / 4;
  const order = new Uint32Array(n).map((_, i) => i).sort((a, b) => m[a * 4]! - m[b * 4]!);
  const out = new Int32Array(m.length);
  order.forEach((src, dst) => out.set(m.subarray(src * 4, src * 4 + 4), dst * 4));
  return out;
}

/** Pass 1: the merged ranges, sorted by first row, as a flat [r1, c1, r2, c2, …] array. */
export async function readMerges(zip: ZipArchive, e: ZipEntry, file: string): Promise<Int32Array> {
  const list = new IntList();
  let tail = '';
  let inMerges = false;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of streamEntry(zip, e, file)) {
    let text: string;
    if (!inMerges) {
      // Rows come first and are most of the part: look for the tag in the bytes, making no strings.
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const at = findMergeCells(bytes);
      if (at < 0) {
        carry = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 32)));
        continue;
      }
      inMerges = true;
      // latin1 keeps byte offsets and is cheap; the refs we need are ASCII.
      text = bytes.toString('latin1', at);
    } else text = tail + chunk.toString('latin1');
    const last = text.lastIndexOf('>');
    const done = text.slice(0, last + 1);
    tail = text.slice(last + 1);
    for (const m of done.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([^"]+)"/g)) {
      const r = parseRange(m[1]!);
      if (!r || (r[0] === r[2] && r[1] === r[3])) continue;
      if (r[1] === r[3] && list.extendStrip(r[0], r[1], r[2])) continue;
      // A one-column vertical range is kept as a strip (negative first column): each column of a
      // strip fills from its own top cell, so neighbours with the same rows can share one record.
      list.push4(r[0], r[1] === r[3] ? -r[1] : r[1], r[2], r[3]);
      if (list.length / 4 > LIMITS.maxMerges) throw new AppError('file-too-large', `文件“${file}”的合并单元格超过 ${LIMITS.maxMerges} 个，已拒绝`);
    }
  }
  return sortedByRow(list);
}

const MERGE_CELLS = Buffer.from('mergeCells');

/** Offset of the `<mergeCells` (or `<x:mergeCells`) start tag in `bytes`, or -1. */
function findMergeCells(bytes: Buffer): number {
  for (let i = bytes.indexOf(MERGE_CELLS); i >= 0; i = bytes.indexOf(MERGE_CELLS, i + 1)) {
    const next = bytes[i + MERGE_CELLS.length];
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) continue;
    let k = i - 1;
    while (k >= 0 && /\w/.test(String.fromCharCode(bytes[k]!))) k--;
    if (k >= 0 && bytes[k] === 58) k--; // a prefix "x:" — skip its letters too
    while (k >= 0 && /\w/.test(String.fromCharCode(bytes[k]!))) k--;
    if (k >= 0 && bytes[k] === 60 && (bytes[i - 1] === 60 || bytes[i - 1] === 58)) return k;
  }
  return -1;
}

interface ActiveRange {
  r1: number;
  r2: number;
  c1: number;
  c2: number;
  strip: boolean;
  /** The top-left value (a rectangle) or each column's top value (a strip). */
  values: RawCell[];
}

/** Applies merged ranges row by row; only ranges that reach the current row are kept. */
export class MergeFiller {
  private readonly m: Int32Array;
  private next = 0;
  private active: ActiveRange[] = [];

  constructor(merges: Int32Array) {
    this.m = merges;
  }

  apply(row: SheetRow): void {
    const m = this.m;
    while (this.next * 4 < m.length && m[this.next * 4]! <= row.n) {
      const k = this.next * 4;
      const c1 = m[k + 1]!;
      this.active.push({ r1: m[k]!, c1: Math.abs(c1), r2: m[k + 2]!, c2: m[k + 3]!, strip: c1 < 0, values: [] });
      this.next++;
    }
    if (this.active.length === 0) return;
    for (const a of this.active) {
      if (a.r2 < row.n) continue;
      const last = Math.min(a.c2, LIMITS.maxColumns);
      if (a.r1 === row.n) {
        if (a.strip) for (let c = a.c1; c <= last; c++) a.values.push(row.cells[c - 1] ?? null);
        else a.values.push(row.cells[a.c1 - 1] ?? null);
      }
      for (let c = a.c1; c <= last; c++) {
        if (a.r1 === row.n && (a.strip || c === a.c1)) continue;
        row.cells[c - 1] = a.strip ? a.values[c - a.c1] ?? null : a.values[0] ?? null;
      }
    }
    this.active = this.active.filter((a) => a.r2 > row.n);
  }
}

/** Index just after `key` within [from, to), or -1. Works on the chunk text without slicing it. */
function after(buf: string, key: string, from: number, to: number): number {
  // Bounded on purpose: an unbounded indexOf for an absent attribute would scan the rest of the chunk.
  for (let k = from, last = to - key.length; k <= last; k++) {
    if (buf.charCodeAt(k) === key.charCodeAt(0) && buf.startsWith(key, k)) return k + key.length;
  }
  return -1;
}

function attrText(buf: string, key: string, from: number, to: number): string | null {
  const a = after(buf, key, from, to);
  return a < 0 ? null : buf.slice(a, buf.indexOf('"', a));
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

function cellValue(buf: string, from: number, to: number, t: string | null, style: number, p: string, ctx: CellContext): RawCell {
  if (t === 'inlineStr') return richText(buf.slice(from, to), p);
  const v0 = after(buf, `<${p}v>`, from, to);
  if (v0 < 0) {
    if (after(buf, `<${p}f`, from, to) < 0) return null;
    const f = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/.exec(buf.slice(from, to));
    return { k: 'nocache', f: decodeXml(f?.[1] ?? '（共享公式）') };
  }
  if (t === 's') return ctx.sst[intAt(buf, v0)] ?? null;
  const v = buf.slice(v0, buf.indexOf(`</${p}v>`, v0));
  switch (t) {
    case 'str': return decodeXml(v);
    case 'b': return v === '1';
    case 'e': return { k: 'error', v: decodeXml(v) };
    case 'd': return { k: 'date', v: v.slice(0, 10), n: NaN };
    default: {
      const num = Number(v);
      if (style >= 0 && ctx.dateStyles[style] === true && Number.isFinite(num)) return { k: 'date', v: serialToDate(num, ctx.date1904), n: num };
      return num;
    }
  }
}

/**
 * Parses the cells of one `<row>` body (between `<row …>` and `</row>`). Everything is located by
 * index in the chunk text; only values are cut out, so a city file makes little garbage.
 */
export function parseRowCells(buf: string, start: number, end: number, p: string, ctx: CellContext): RawCell[] {
  const cells: RawCell[] = [];
  const cOpen = `<${p}c`;
  const cClose = `</${p}c>`;
  let col = 0;
  let i = buf.indexOf(cOpen, start);
  while (i >= 0 && i < end) {
    const ch = buf.charCodeAt(i + cOpen.length);
    const gt = buf.indexOf('>', i);
    if (ch !== 32 && ch !== 62 && ch !== 47) {
      i = buf.indexOf(cOpen, gt);
      continue;
    }
    const ref = after(buf, ' r="', i, gt);
    col = ref >= 0 ? columnAt(buf, ref) : col + 1;
    if (buf.charCodeAt(gt - 1) === 47) {
      i = buf.indexOf(cOpen, gt);
      continue;
    }
    const close = buf.indexOf(cClose, gt);
    if (col <= LIMITS.maxColumns) {
      const sAt = after(buf, ' s="', i, gt);
      const v = cellValue(buf, gt + 1, close, attrText(buf, ' t="', i, gt), sAt < 0 ? -1 : intAt(buf, sAt), p, ctx);
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
  let lastRow = 0;
  let rowsDone = false;
  info.bytesTotal = e.uncompressedSize;
  for await (const chunk of streamEntry(zip, e, file)) {
    info.bytesRead += chunk.length;
    buf += decoder.write(chunk);
    if (p === null) {
      p = rootPrefix(buf);
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
      const row: SheetRow = { n, cells: parseRowCells(buf, gt + 1, end, p, ctx) };
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
