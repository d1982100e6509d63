/**
 * Merged ranges of a worksheet: read in a first pass over the sheet part (they are stored after the
 * rows), kept compactly, and applied row by row during the second pass (sheet-stream.ts), so a
 * household cell merged down over its member rows reaches every member row.
 */
import { AppError } from '../../../shared/errors.ts';
import type { RawCell } from '../../../shared/domain/import-values.ts';
import { LIMITS } from '../limits.ts';
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
  const add = (r: readonly number[]): void => {
    if (r[0] === r[2] && r[1] === r[3]) return;
    if (r[1] === r[3] && list.extendStrip(r[0]!, r[1]!, r[2]!)) return;
    // A one-column vertical range is kept as a strip (negative first column): each column of a
    // strip fills from its own top cell, so neighbours with the same rows can share one record.
    list.push4(r[0]!, r[1] === r[3] ? -r[1]! : r[1]!, r[2]!, r[3]!);
    if (list.length / 4 > LIMITS.maxMerges) throw new AppError('file-too-large', `文件“${file}”的合并单元格超过 ${LIMITS.maxMerges} 个，已拒绝`);
  };
  for await (const chunk of streamEntry(zip, e, file)) {
    let text: string;
    if (!inMerges) {
      // Rows come first and are most of the part: look for the tag in the bytes, making no strings
      // and copying no chunk (only a tag cut in two by a chunk boundary needs the two joined).
      const edge = carry.length ? findMergeCells(Buffer.concat([carry, chunk.subarray(0, 64)])) : -1;
      const bytes = edge >= 0 ? Buffer.concat([carry, chunk]) : chunk;
      const at = edge >= 0 ? edge : findMergeCells(chunk);
      if (at < 0) {
        carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 32)));
        continue;
      }
      inMerges = true;
      // latin1 keeps byte offsets and is cheap; the refs we need are ASCII.
      text = bytes.toString('latin1', at);
    } else text = tail + chunk.toString('latin1');
    const last = text.lastIndexOf('>');
    scanMergeRefs(text, last + 1, add);
    tail = text.slice(last + 1);
  }
  return sortedByRow(list);
}

/**
 * Calls `add` with the range of each complete `<mergeCell … ref="…">` tag in text[0, end). Written
 * out rather than as a regex plus parseRange: the city file has 1.3M ranges and this pass stands
 * between opening the file and its first row (~0.6 s less). Same matches as
 * /<(?:\w+:)?mergeCell\s[^>]*ref="([^"]+)"/; refs in the plain "B3:D7" form are read in place,
 * anything else goes through parseRange.
 */
export function scanMergeRefs(text: string, end: number, add: (r: readonly number[]) => void): void {
  const out = [0, 0, 0, 0];
  for (let i = text.indexOf('mergeCell', 0); i >= 0 && i < end; i = text.indexOf('mergeCell', i + 9)) {
    const after = text.charCodeAt(i + 9);
    if (after !== 32 && after !== 9 && after !== 10 && after !== 13) continue;
    if (!openedHere(text, i)) continue;
    const gt = text.indexOf('>', i);
    // The last ref=" before the tag ends, as the regex's greedy [^>]* finds it.
    const ref = gt < 0 ? -1 : text.lastIndexOf('ref="', gt);
    if (ref < i) continue;
    const close = text.indexOf('"', ref + 5);
    if (close < 0 || close > gt) continue;
    if (plainRange(text, ref + 5, close, out)) add(out);
    else {
      const r = parseRange(text.slice(ref + 5, close));
      if (r) add(r);
    }
  }
}

/** Whether the name at `i` follows "<" or "<prefix:". */
function openedHere(text: string, i: number): boolean {
  if (text.charCodeAt(i - 1) === 60) return true;
  if (text.charCodeAt(i - 1) !== 58) return false;
  let k = i - 2;
  while (k >= 0 && isWordChar(text.charCodeAt(k))) k--;
  return k < i - 2 && text.charCodeAt(k) === 60;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** "B3:D7" or "B3" (capitals then digits, nothing else) into out as [r1, c1, r2, c2]; false otherwise. */
function plainRange(s: string, from: number, to: number, out: number[]): boolean {
  let i = from;
  const cell = (k: 0 | 2): boolean => {
    let col = 0;
    let row = 0;
    const c0 = i;
    for (let c = s.charCodeAt(i); i < to && c >= 65 && c <= 90; c = s.charCodeAt(++i)) col = col * 26 + c - 64;
    const d0 = i;
    for (let c = s.charCodeAt(i); i < to && c >= 48 && c <= 57; c = s.charCodeAt(++i)) row = row * 10 + c - 48;
    if (i === d0 || d0 === c0 || i - d0 > 9 || d0 - c0 > 3) return false;
    out[k] = row;
    out[k + 1] = col;
    return true;
  };
  if (!cell(0)) return false;
  if (i === to) {
    out[2] = out[0]!;
    out[3] = out[1]!;
  } else if (s.charCodeAt(i++) !== 58 || !cell(2) || i !== to) return false;
  const [r1, c1, r2, c2] = out as [number, number, number, number];
  out[0] = Math.min(r1, r2);
  out[1] = Math.min(c1, c2);
  out[2] = Math.max(r1, r2);
  out[3] = Math.max(c1, c2);
  return true;
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
