/**
 * The ID numbers seen so far in one file, each with the place (sheet and row) it was first seen:
 * duplicate detection needs every one of them. A Map of 37万 string keys costs ~35 MB; here an
 * ID is packed into one exact double (region, birth day, sequence — its check character follows
 * from those) and kept in an open-addressing table of two Float64Arrays, 32 bytes per ID. Anything
 * that does not pack (never the case for a checked 18-character ID) falls back to a Map.
 */
const EMPTY = 0;
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1800, 0, 1);

/**
 * 1 + ((region · 2^18 + days since 1800) · 2^10 + sequence) · 11 + check, or null; below 2^52, so
 * exact. The check character is kept: an ID with a wrong one must not collide with the right one.
 */
export function packId(id: string): number | null {
  if (id.length !== 18) return null;
  // From character codes: five slices and Number() per ID were most of this table's cost.
  const region = digits(id, 0, 6);
  const y = digits(id, 6, 10);
  const m = digits(id, 10, 12);
  const d = digits(id, 12, 14);
  const seq = digits(id, 14, 17);
  const last = id.charCodeAt(17);
  const check = last === 88 ? 10 : last - 48;
  if (!(check >= 0 && check <= 10)) return null;
  if (region < 0 || seq < 0 || !(y >= 1800 && y < 2500) || !(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) return null;
  const days = (Date.UTC(y, m - 1, d) - EPOCH) / DAY_MS;
  if (!Number.isInteger(days) || days < 0 || days >= 2 ** 18) return null;
  return 1 + ((region * 2 ** 18 + days) * 1024 + seq) * 11 + check;
}

/** The number written by s[from, to), or -1 when a character there is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function slotOf(key: number, mask: number): number {
  const lo = key % 0x1000000;
  const hi = Math.floor(key / 0x1000000);
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return (Math.imul(h, 0xc2b2ae35) >>> 0) & mask;
}

export class IdPlaces {
  private keys = new Float64Array(1 << 12);
  private places = new Float64Array(1 << 12);
  private count = 0;
  private readonly other = new Map<string, number>();

  get size(): number {
    return this.count + this.other.size;
  }

  get(id: string): number | undefined {
    const key = packId(id);
    if (key === null) return this.other.get(id);
    const i = this.slot(key);
    return this.keys[i] === EMPTY ? undefined : this.places[i];
  }

  /** The place `id` was first seen, or undefined after remembering `place` as its first. */
  claim(id: string, place: number): number | undefined {
    const key = packId(id);
    if (key === null) {
      const first = this.other.get(id);
      if (first === undefined) this.other.set(id, place);
      return first;
    }
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.keys[i] !== EMPTY) return this.places[i];
    this.keys[i] = key;
    this.places[i] = place;
    this.count++;
    return undefined;
  }

  /** The slot holding `key`, or the empty slot where it belongs (linear probing). */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key || k === EMPTY) return i;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const places = this.places;
    this.keys = new Float64Array(keys.length * 2);
    this.places = new Float64Array(keys.length * 2);
    for (let k = 0; k < keys.length; k++) {
      if (keys[k] === EMPTY) continue;
      const i = this.slot(keys[k]!);
      this.keys[i] = keys[k]!;
      this.places[i] = places[k]!;
    }
  }
}
