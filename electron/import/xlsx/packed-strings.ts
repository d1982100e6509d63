/**
 * A workbook's shared strings, kept as their UTF-8 bytes in one buffer with an end offset per
 * string, and decoded when a cell asks for one. Every text cell of an .xlsx points into this table,
 * so it must be complete before the first row and held until the last: as ~460,000 V8 strings (a
 * city file: every name and ID number) it took ~40 MB of heap plus the garbage of building it; as
 * bytes it takes about the part's text size. Decoding on access costs the reader thread ~0.1 µs a
 * cell, and the reader is not what sets an import's pace (the writer is).
 */
import { TUNING } from '../limits.ts';

export interface SharedStrings {
  readonly length: number;
  get(index: number): string | undefined;
}

const RECENT = TUNING.stringCacheSlots;

export class PackedStrings implements SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private ends = new Int32Array(1 << 12);
  length = 0;
  private readonly recentIndex = new Int32Array(RECENT).fill(-1);
  private readonly recent = new Array<string>(RECENT).fill('');

  /** Adds the string whose UTF-8 bytes are src[from, to). */
  pushBytes(src: Buffer, from: number, to: number): void {
    this.reserve(to - from);
    this.used += src.copy(this.bytes, this.used, from, to);
    this.end();
  }

  pushString(s: string): void {
    this.reserve(Buffer.byteLength(s, 'utf8'));
    this.used += this.bytes.write(s, this.used, 'utf8');
    this.end();
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length) || !Number.isInteger(index)) return undefined;
    // Most text cells repeat a few values (relation, labour, township, village): a small
    // direct-mapped cache hands back the same string instead of decoding a new one each time.
    const slot = index & (RECENT - 1);
    if (this.recentIndex[slot] === index) return this.recent[slot];
    const s = this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!);
    this.recentIndex[slot] = index;
    this.recent[slot] = s;
    return s;
  }

  /** Drops the growth slack once the table is complete. */
  compact(): this {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    this.ends = this.ends.slice(0, this.length);
    return this;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + n));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  private end(): void {
    if (this.length === this.ends.length) {
      const next = new Int32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.length++] = this.used;
  }
}
