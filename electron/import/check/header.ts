/**
 * Finds the header of a sheet and maps its columns to ledger fields. Title lines sit above the
 * header (national exports have two); headers have one or two rows with merged group cells
 * (家庭收入情况（元） over 工资性收入 …). Because merged ranges are filled before we look, the lower
 * row of a merged two-row header already carries every name; for unmerged two-row headers each
 * column takes the lower cell's name when it is known, else the upper one's.
 */
import { KEY_FIELDS, matchHeader, normalizeHeader, type FieldKey } from '../../../shared/domain/import-headers.ts';
import { cellText } from '../../../shared/domain/import-values.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import type { WideSpec } from '../formats/wide-rows.ts';

export type MappingOverrides = Readonly<Record<string, FieldKey | null>>;

export interface ColumnMap {
  /** 0-based column index. */
  index: number;
  /** The header as written (the cell that named the column), for messages and the mapping editor. */
  header: string;
  field: FieldKey | null;
  /** What automatic matching found, before the user's overrides. */
  auto: FieldKey | null;
}

export interface SheetLayout {
  headerFirst: number;
  headerLast: number;
  columns: ColumnMap[];
  fieldCol: Map<FieldKey, number>;
  level: 'member' | 'household';
  /** Set for one-row-per-household sheets with member column groups (formats/wide-rows.ts). */
  wide?: WideSpec;
}

export function resolveHeader(text: string, overrides: MappingOverrides): { field: FieldKey | null; auto: FieldKey | null } {
  const auto = matchHeader(text);
  const key = normalizeHeader(text);
  return { field: key in overrides ? (overrides[key] ?? null) : auto, auto };
}

function candidate(top: SheetRow | null, bottom: SheetRow, overrides: MappingOverrides): ColumnMap[] {
  const width = Math.max(bottom.cells.length, top?.cells.length ?? 0);
  const cols: ColumnMap[] = [];
  for (let i = 0; i < width; i++) {
    const low = cellText(bottom.cells[i] ?? null);
    const up = top ? cellText(top.cells[i] ?? null) : '';
    const l = low ? resolveHeader(low, overrides) : { field: null, auto: null };
    if (l.field || !up) {
      cols.push({ index: i, header: low, field: l.field, auto: l.auto });
      continue;
    }
    const u = resolveHeader(up, overrides);
    cols.push({ index: i, header: u.field ? up : low || up, field: u.field, auto: u.auto });
  }
  return cols;
}

/** Distinct fields named; zero unless the row could key a household (a name and an ID or code). */
function score(cols: ColumnMap[]): number {
  const fields = new Set(cols.map((c) => c.field).filter((f): f is FieldKey => f !== null));
  const hasName = fields.has('name') || fields.has('headName');
  const hasKey = [...KEY_FIELDS].some((k) => k !== 'name' && k !== 'headName' && fields.has(k));
  return hasName && hasKey && fields.size >= 3 ? fields.size : 0;
}

function layoutOf(cols: ColumnMap[], first: number, last: number): SheetLayout {
  const fieldCol = new Map<FieldKey, number>();
  for (const c of cols) {
    // A field named twice (当前家庭人口数 and 年度家庭人口数) keeps its first column; the other stays visible, unmapped.
    if (c.field && !fieldCol.has(c.field)) fieldCol.set(c.field, c.index);
    else if (c.field) c.field = null;
  }
  const level = fieldCol.has('name') && fieldCol.has('idNumber') ? 'member' : 'household';
  return { headerFirst: first, headerLast: last, columns: cols, fieldCol, level };
}

/** The best header among the first rows, or null when no row names enough known columns. */
export function detectHeader(rows: readonly SheetRow[], overrides: MappingOverrides = {}): SheetLayout | null {
  let best: { s: number; cols: ColumnMap[]; first: number; last: number } | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const single = candidate(null, row, overrides);
    const s1 = score(single);
    if (s1 > (best?.s ?? 0)) best = { s: s1, cols: single, first: row.n, last: row.n };
    const prev = i > 0 ? rows[i - 1]! : null;
    if (prev && prev.n === row.n - 1) {
      const both = candidate(prev, row, overrides);
      const s2 = score(both);
      // Strictly better only: a title line above a one-row header must not make it "two rows".
      if (s2 > (best?.s ?? 0) && s2 > s1) best = { s: s2, cols: both, first: prev.n, last: row.n };
    }
  }
  if (!best) return null;
  return layoutOf(best.cols, extendUp(rows, best.first), best.last);
}

/**
 * A merged two-row header reads as one complete lower row (the fill copied the vertical merges
 * down); the upper row still belongs to the header, which matters for the error workbook.
 */
export function extendUp(rows: readonly SheetRow[], first: number): number {
  const i = rows.findIndex((r) => r.n === first);
  const cur = rows[i];
  const prev = i > 0 ? rows[i - 1] : undefined;
  if (!cur || !prev || prev.n !== first - 1) return first;
  let filled = 0;
  let same = 0;
  cur.cells.forEach((c, k) => {
    const t = cellText(c ?? null);
    if (!t) return;
    filled++;
    if (t === cellText(prev.cells[k] ?? null)) same++;
  });
  return filled > 0 && same * 2 >= filled ? prev.n : first;
}

/** Sheets whose name says they are instructions, not data. */
export function isNoteSheet(name: string): boolean {
  return /说明|填表|注意事项|指标解释|字典|代码表|README/i.test(name);
}
