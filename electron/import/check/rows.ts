/**
 * From sheet rows to household groups: rows that are blank, 合计/小计 lines, signature footers and
 * notes are skipped; the rest are keyed to their household (户编号, else the head's ID, else the
 * 户主 row that starts it) and a group is handed on as soon as the next household begins, so only
 * one household is ever held in memory.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { normalizeIdNumber } from '../../../shared/domain/id-number.ts';
import { cellText, isBlank } from '../../../shared/domain/import-values.ts';
import type { RowCells } from '../../../shared/domain/import-rows.ts';
import type { SheetLayout } from './header.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import type { WideBlock } from '../formats/wide-rows.ts';

export interface DataRow {
  n: number;
  cells: RowCells;
  /** On a wide sheet: the column group this member was read from (messages name its columns). */
  block?: WideBlock;
}

export interface RowGroup {
  key: string;
  rows: DataRow[];
}

export type RowKind = 'data' | 'blank' | 'total' | 'footer';

const TOTAL = /^(合\s*计|小\s*计|总\s*计|.{0,12}(合计|小计|总计))$/;
const FOOTER = /(审核人|填表人|填报人|负责人|制表人|联系电话|填报日期|制表日期|填表日期|单位负责人|盖章)\s*[:：]?/;
const NOTE = /^(注|说明|备注)\s*[:：]/;

/** An ID-number-shaped cell (18 characters, digits and a final X): such a row is a person, never a total or footer. */
const ID_SHAPED = /^\s*\d{17}[\dXx]\s*$/;

export function classifyRow(row: SheetRow, layout: SheetLayout): RowKind {
  // Fast path for the common case, checked first because it decides nearly every row of a city file.
  const idCol0 = layout.fieldCol.get('idNumber') ?? layout.fieldCol.get('headIdNumber');
  const id0 = idCol0 === undefined ? null : row.cells[idCol0];
  if (typeof id0 === 'string' && ID_SHAPED.test(id0)) return 'data';
  let filled = 0;
  let firstText = '';
  for (const c of row.cells) {
    if (c === null || c === undefined || isBlank(c)) continue;
    filled++;
    if (firstText === '' && typeof c === 'string') firstText = cellText(c);
  }
  if (filled === 0) return 'blank';
  for (const f of ['serial', 'name', 'headName', 'township', 'village', 'county', 'householdCode'] as const) {
    const col = layout.fieldCol.get(f);
    if (col !== undefined && TOTAL.test(cellText(row.cells[col] ?? null))) return 'total';
  }
  if (TOTAL.test(firstText)) return 'total';
  const idCol = layout.fieldCol.get('idNumber') ?? layout.fieldCol.get('headIdNumber');
  // A footer may spill into the ID column ("填表人：赵某"), so only digits count as an ID here.
  const hasId = idCol !== undefined && /\d{6,}/.test(cellText(row.cells[idCol] ?? null));
  if (!hasId && (FOOTER.test(firstText) || NOTE.test(firstText))) return 'footer';
  return 'data';
}

/** A layout's mapping as two arrays, built once per sheet: iterating the Map made an entry pair per field per row. */
const mappings = new WeakMap<SheetLayout, { fields: FieldKey[]; cols: number[] }>();

export function toCells(row: SheetRow, layout: SheetLayout): RowCells {
  let m = mappings.get(layout);
  if (!m) mappings.set(layout, (m = { fields: [...layout.fieldCol.keys()], cols: [...layout.fieldCol.values()] }));
  const cells: RowCells = {};
  for (let i = 0; i < m.fields.length; i++) cells[m.fields[i]!] = row.cells[m.cols[i]!] ?? null;
  return cells;
}

const text = (cells: RowCells, f: FieldKey): string => cellText(cells[f] ?? null);

/** Assigns rows to households in file order and emits each group when the next one starts. */
export class Grouper {
  private readonly layout: SheetLayout;
  private current: RowGroup | null = null;
  private lastHeadName = '';

  constructor(layout: SheetLayout) {
    this.layout = layout;
  }

  private keyOf(r: DataRow): string {
    const code = text(r.cells, 'householdCode').replace(/\s/g, '');
    if (code) return `C:${code}`;
    const headId = text(r.cells, 'headIdNumber');
    if (headId) return `H:${normalizeIdNumber(headId)}`;
    // A wide sheet has each household on one row: its members share that row's number.
    if (this.layout.wide) return `R:${r.n}`;
    if (this.layout.level === 'household') {
      const id = text(r.cells, 'idNumber');
      return id ? `H:${normalizeIdNumber(id)}` : `S:${r.n}`;
    }
    if (this.layout.fieldCol.has('relation')) {
      const rel = text(r.cells, 'relation');
      if (rel === '户主' || rel === '本人' || !this.current) return `R:${r.n}`;
      return this.current.key;
    }
    if (this.layout.fieldCol.has('headName')) {
      const head = text(r.cells, 'headName');
      const same = head !== '' && head === this.lastHeadName && this.current !== null;
      this.lastHeadName = head;
      return same ? this.current!.key : `N:${r.n}`;
    }
    return `S:${r.n}`;
  }

  /** Returns the finished group when `r` starts a new household. */
  push(r: DataRow): RowGroup | null {
    const key = this.keyOf(r);
    if (this.current && this.current.key === key) {
      this.current.rows.push(r);
      return null;
    }
    const done = this.current;
    this.current = { key, rows: [r] };
    return done;
  }

  flush(): RowGroup | null {
    const done = this.current;
    this.current = null;
    return done;
  }
}
