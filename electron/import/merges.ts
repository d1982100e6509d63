/**
 * Merged ranges of a worksheet: read in a first pass over the sheet part (they are stored after the
 * rows), kept compactly, and applied row by row during the second pass (sheet-stream.ts), so a
 * household cell merged down over its member rows reaches every member row.
 */
import { AppError } from '../../shared/errors.ts';
import type { RawCell } from '../../shared/domain/import-values.ts';
import { LIMITS } from './limits.ts';
import type { SheetRow } from './sheet-stream.ts';
import { parseRange } from './xml.ts';
import { streamEntry, type ZipArchive, type ZipEntry } from './zip.ts';

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
