/**
 * Text normalisation (shared/domain/text-normalize.ts) removes invisible characters from every cell
 * — zero-width spaces, bidi overrides, control characters — and replaces lone surrogates. That must
 * not happen silently (#18): each changed cell gets a warning with the count, shown in the preview.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { normalizeText } from '../../../shared/domain/text-normalize.ts';
import type { RowGroup } from './rows.ts';
import type { WideBlock } from '../formats/wide-rows.ts';

/** How many characters normalising changes in `s` (removed ones plus replaced lone surrogates). */
export function invisibleCount(s: string): number {
  const n = normalizeText(s);
  if (n === s) return 0;
  const replaced = (n.match(/\uFFFD/g)?.length ?? 0) - (s.match(/\uFFFD/g)?.length ?? 0);
  return s.length - n.length + Math.max(0, replaced);
}

type Warn = (row: number, field: FieldKey | null, code: string, message: string, block?: WideBlock) => void;

export function warnInvisible(g: RowGroup, warn: Warn): void {
  for (const r of g.rows) {
    for (const [field, cell] of Object.entries(r.cells)) {
      if (typeof cell !== 'string') continue;
      const n = invisibleCount(cell);
      // The value itself is not repeated: the column may hold an ID number.
      if (n > 0) warn(r.n, field as FieldKey, 'invisible-chars', `该单元格含 ${n} 个看不见的字符（零宽空格、文字方向控制符或控制字符），已去除后导入，请核对原表`, r.block);
    }
  }
}
