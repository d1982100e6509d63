/**
 * The pure parts of the form layout: formula neutralising, the Chinese date, the header block's
 * depth and merges, and how a width is split into segments (info line, signatures).
 */
import type { FormColumn } from './layout.ts';

export { neutralize } from '../../shared/domain/formula-guard.ts';

export function formatDateCn(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

export function headerDepth(columns: readonly FormColumn[]): number {
  return Math.max(...columns.map((c) => (typeof c.header === 'string' ? 1 : c.header.length)));
}

export function headerPath(c: FormColumn): readonly string[] {
  return typeof c.header === 'string' ? [c.header] : c.header;
}

/** Merge ranges of the header block: equal group labels side by side merge across; a short path merges down. */
export function headerMerges(columns: readonly FormColumn[], firstRow: number): Array<[number, number, number, number]> {
  const depth = headerDepth(columns);
  const out: Array<[number, number, number, number]> = [];
  columns.forEach((c, i) => {
    const p = headerPath(c);
    if (p.length < depth) out.push([firstRow + p.length - 1, i + 1, firstRow + depth - 1, i + 1]);
  });
  for (let level = 0; level < depth - 1; level++) {
    let start = 0;
    const key = (i: number): string | null => {
      const p = headerPath(columns[i] as FormColumn);
      return p.length - 1 > level ? p.slice(0, level + 1).join('\u0000') : null;
    };
    for (let i = 1; i <= columns.length; i++) {
      const k = key(start);
      if (i < columns.length && k !== null && key(i) === k) continue;
      if (k !== null && i - 1 > start) out.push([firstRow + level, start + 1, firstRow + level, i]);
      start = i;
    }
  }
  return out.filter(([r1, c1, r2, c2]) => r1 !== r2 || c1 !== c2);
}

/** Splits columns 1..n into `parts` contiguous segments [from, to] (1-based, inclusive). */
export function segments(n: number, parts: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < parts; i++) {
    const from = Math.floor((i * n) / parts) + 1;
    const to = Math.max(from, Math.floor(((i + 1) * n) / parts));
    if (from <= n) out.push([from, Math.min(to, n)]);
  }
  return out;
}

