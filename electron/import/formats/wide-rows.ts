/**
 * Wide household rows: one row per household, its people side by side in column groups — 成员1姓名,
 * 成员1身份证号, 成员1与户主关系, 成员2姓名 … in one header row, or 户主 / 配偶 / 子女1 group cells merged
 * over 姓名 / 身份证号 in a two-row header (department lists: 低保, 残联, 医保). The header is recognised
 * here; each row is then read as one member per non-empty group, with the household's own columns
 * repeated on each, so the rest of the import sees exactly what a member-level sheet gives.
 *
 * Recognition is strict on purpose: at least two groups that each have a name and an ID column, and
 * no ungrouped 姓名/证件号码 column (that would be a member-level sheet with a few extra columns).
 */
import { FIELD_BY_KEY, matchHeader, normalizeHeader, type FieldKey } from '../../../shared/domain/import-headers.ts';
import { cellText, type RawCell } from '../../../shared/domain/import-values.ts';
import { normalizeIdNumber } from '../../../shared/domain/id-number.ts';
import type { RowCells } from '../../../shared/domain/import-rows.ts';
import { extendUp, resolveHeader, type ColumnMap, type MappingOverrides, type SheetLayout } from '../check/header.ts';
import type { DataRow } from '../check/rows.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import { columnLetters } from '../xlsx/xml.ts';

/** One person's column group. */
export interface WideBlock {
  label: string;
  /** 与户主关系 given by the group's own name (户主, 配偶, 子女…), used when the group has no such column. */
  relation: string | null;
  cols: Partial<Record<FieldKey, number>>;
  /** The group's columns as headed in the file, for messages (and the error workbook's cell colours). */
  headers: Partial<Record<FieldKey, string>>;
  /** Column letters of the original file, e.g. "F–H". */
  letters: string;
}

export interface WideSpec {
  blocks: WideBlock[];
  /** Columns outside the groups that map to a field (household, income, region). */
  household: [FieldKey, number][];
}

const NUM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const MEMBER_LABEL = `(?:家庭)?成员${NUM}|第${NUM}(?:名|个|位)?(?:家庭)?成员`;
const KIN_LABEL = `户主|配偶|(?:子女|儿子|女儿|儿媳|女婿|孙子女|孙子|孙女)${NUM}?|父亲|母亲`;
const LABEL = new RegExp(`^(${MEMBER_LABEL}|${KIN_LABEL})(?:信息|情况)?`);
const LABEL_ONLY = new RegExp(`^(${MEMBER_LABEL}|${KIN_LABEL})(?:信息|情况)?$`);
const SUFFIXED = /^(.+?)\(?(\d{1,2})\)?$/;

const isMemberField = (f: FieldKey | null): f is FieldKey => f !== null && FIELD_BY_KEY.get(f)?.level === 'member';

/** The relation a group's name states; numbered 成员 groups state none. */
function relationOf(label: string): string | null {
  if (new RegExp(`^(${MEMBER_LABEL})$`).test(label)) return null;
  return label.replace(new RegExp(`${NUM}$`), '');
}

type Cell = { kind: 'block'; label: string; field: FieldKey; header: string } | { kind: 'plain'; col: ColumnMap };

/** "成员2身份证号", "子女1姓名", "姓名2": a group's field, or null. */
function blockField(header: string): { label: string; field: FieldKey } | null {
  const key = normalizeHeader(header);
  const m = LABEL.exec(key);
  if (m) {
    const field = matchHeader(key.slice(m[0].length).replace(/^[-_.·:：、]|^\((.*)\)$/g, '$1'));
    if (isMemberField(field)) return { label: m[1]!, field };
  }
  const s = SUFFIXED.exec(key);
  const field = s ? matchHeader(s[1]!) : null;
  return s && isMemberField(field) ? { label: `成员${s[2]}`, field } : null;
}

/** One column, from its lower header cell and (in a two-row header) the group cell above it. */
function readColumn(index: number, low: string, up: string | null, overrides: MappingOverrides): Cell {
  const grouped = up !== null && LABEL_ONLY.test(normalizeHeader(up)) && isMemberField(matchHeader(low));
  const header = grouped ? `${up}${low}` : low || (up ?? '');
  const key = normalizeHeader(header);
  const parsed = grouped ? { label: LABEL_ONLY.exec(normalizeHeader(up))![1]!, field: matchHeader(low)! } : blockField(low);
  if (key in overrides) {
    const field = overrides[key] ?? null;
    if (parsed && isMemberField(field)) return { kind: 'block', label: parsed.label, field, header };
    return { kind: 'plain', col: { index, header, field, auto: parsed?.field ?? matchHeader(header) } };
  }
  if (parsed) return { kind: 'block', label: parsed.label, field: parsed.field, header };
  if (up !== null && !low) return { kind: 'plain', col: { index, header: up, ...resolveHeader(up, overrides) } };
  return { kind: 'plain', col: { index, header, ...resolveHeader(low, overrides) } };
}

interface Candidate {
  score: number;
  layout: SheetLayout;
}

function lettersOf(cols: number[]): string {
  const a = columnLetters(Math.min(...cols) + 1);
  const b = columnLetters(Math.max(...cols) + 1);
  return a === b ? a : `${a}–${b}`;
}

/** Groups the columns into blocks; null unless the row is a wide header. */
function build(cells: Cell[], first: number, last: number): Candidate | null {
  const groups = new Map<string, { cols: Partial<Record<FieldKey, number>>; headers: Partial<Record<FieldKey, string>>; all: number[] }>();
  const plain: ColumnMap[] = [];
  cells.forEach((c, index) => {
    if (c.kind === 'plain') return void plain.push(c.col);
    const g = groups.get(c.label) ?? { cols: {}, headers: {}, all: [] };
    groups.set(c.label, g);
    g.all.push(index);
    if (g.cols[c.field] === undefined) {
      g.cols[c.field] = index;
      g.headers[c.field] = c.header;
    }
  });
  const blocks: WideBlock[] = [];
  for (const [label, g] of groups) {
    if (g.cols.name !== undefined && g.cols.idNumber !== undefined) {
      blocks.push({ label, relation: relationOf(label), cols: g.cols, headers: g.headers, letters: lettersOf(g.all) });
      continue;
    }
    // A group without a name and an ID (户主姓名 alone, 配偶电话) is an ordinary column.
    for (const i of g.all) {
      const header = (cells[i] as Extract<Cell, { kind: 'block' }>).header;
      const auto = matchHeader(header);
      plain.push({ index: i, header, field: auto, auto });
    }
  }
  if (blocks.length < 2 || plain.some((c) => c.field === 'name' || c.field === 'idNumber')) return null;
  return { score: blocks.length * 100 + plain.filter((c) => c.field).length, layout: wideLayout(cells, plain, blocks, first, last) };
}

function wideLayout(cells: Cell[], plain: ColumnMap[], blocks: WideBlock[], first: number, last: number): SheetLayout {
  const byIndex = new Map(plain.map((c) => [c.index, c]));
  const fieldOf = new Map<number, FieldKey>();
  for (const b of blocks) for (const [f, i] of Object.entries(b.cols)) fieldOf.set(i, f as FieldKey);
  const columns: ColumnMap[] = cells.map((c, index) => {
    const p = byIndex.get(index);
    if (p) return p;
    const field = fieldOf.get(index) ?? null;
    return { index, header: (c as Extract<Cell, { kind: 'block' }>).header, field, auto: field };
  });
  const fieldCol = new Map<FieldKey, number>();
  const household: [FieldKey, number][] = [];
  for (const c of plain.sort((a, b) => a.index - b.index)) {
    if (!c.field || fieldCol.has(c.field)) continue;
    fieldCol.set(c.field, c.index);
    household.push([c.field, c.index]);
  }
  // Member fields point at the first group's column (for the 合计-row test and for messages).
  for (const b of blocks) for (const [f, i] of Object.entries(b.cols)) if (!fieldCol.has(f as FieldKey)) fieldCol.set(f as FieldKey, i);
  // A relation stated only by group names has no column of its own: -1 reads as an empty cell.
  if (!fieldCol.has('relation') && blocks.some((b) => b.relation)) fieldCol.set('relation', -1);
  return { headerFirst: first, headerLast: last, columns, fieldCol, level: 'member', wide: { blocks, household } };
}

/** The best wide header among the first rows of a sheet, or null when the sheet is not wide. */
export function detectWide(rows: readonly SheetRow[], overrides: MappingOverrides = {}): SheetLayout | null {
  let best: Candidate | null = null;
  const consider = (c: Candidate | null): void => {
    if (c && c.score > (best?.score ?? 0)) best = c;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const texts = row.cells.map((c) => cellText(c ?? null));
    const single = build(texts.map((t, k) => readColumn(k, t, null, overrides)), row.n, row.n);
    if (single) single.layout.headerFirst = extendUp(rows, row.n);
    consider(single);
    const prev = i > 0 ? rows[i - 1]! : null;
    if (!prev || prev.n !== row.n - 1) continue;
    const width = Math.max(row.cells.length, prev.cells.length);
    const cells = Array.from({ length: width }, (_, k) => readColumn(k, cellText(row.cells[k] ?? null), cellText(prev.cells[k] ?? null), overrides));
    const both = build(cells, prev.n, row.n);
    // Strictly better only: a title line above a one-row wide header must not make it "two rows".
    if (both && both.score > (single?.score ?? 0)) consider(both);
  }
  return (best as Candidate | null)?.layout ?? null;
}

/** What one wide row gave: its members, and groups that were skipped. */
export interface WideRow {
  members: DataRow[];
  /** Groups with no name and no ID but something else filled in (their content is not imported). */
  leftOut: WideBlock[];
  /** Groups that repeat the 户主 group's person (same name and ID): read once. */
  repeats: number;
}

function blank(v: RawCell | undefined): boolean {
  return cellText(v ?? null) === '';
}

/** One original row as one DataRow per member; every DataRow keeps the original row number. */
export function expandWideRow(spec: WideSpec, row: SheetRow): WideRow {
  const base: RowCells = {};
  for (const [f, i] of spec.household) base[f] = row.cells[i] ?? null;
  const out: WideRow = { members: [], leftOut: [], repeats: 0 };
  let headKey: string | null = null;
  for (const b of spec.blocks) {
    const cells: RowCells = { ...base };
    for (const [f, i] of Object.entries(b.cols)) cells[f as FieldKey] = row.cells[i] ?? null;
    if (blank(cells.name) && blank(cells.idNumber)) {
      if (Object.values(b.cols).some((i) => !blank(row.cells[i]))) out.leftOut.push(b);
      continue;
    }
    if (b.relation && blank(cells.relation)) cells.relation = b.relation;
    const key = `${cellText(cells.name ?? null)}|${normalizeIdNumber(cellText(cells.idNumber ?? null))}`;
    if (b.relation === '户主') headKey ??= key;
    else if (key === headKey) {
      out.repeats++;
      continue;
    }
    out.members.push({ n: row.n, cells, block: b });
  }
  return out;
}

/** Running counts for the preview's note on a wide sheet. */
export class WideTally {
  rows = 0;
  members = 0;
  leftOut = 0;
  repeats = 0;
  readonly spec: WideSpec;
  constructor(spec: WideSpec) {
    this.spec = spec;
  }
  add(r: WideRow): void {
    this.rows++;
    this.members += r.members.length;
    this.leftOut += r.leftOut.length;
    this.repeats += r.repeats;
  }
  note(): string {
    const names = this.spec.blocks.map((b) => `${b.label}（${b.letters} 列）`).join('、');
    const derived = this.spec.blocks.some((b) => b.relation && b.cols.relation === undefined);
    return [
      `按“一户一行”宽表读取：每行一户，成员分列在 ${this.spec.blocks.length} 组列中（${names}），每组读作一名成员，户的各列用于该户每名成员；`,
      `共 ${this.rows} 行读出 ${this.members} 名成员`,
      this.leftOut ? `；${this.leftOut} 组没有姓名和证件号码但填了其他内容，未导入（见提示）` : '',
      this.repeats ? `；${this.repeats} 组与本行户主组是同一人（姓名、证件号码相同），只计一次` : '',
      derived ? '；没有“与户主关系”列的组按组名（户主、配偶、子女…）填写关系' : '',
      '。',
    ].join('');
  }
}
