/**
 * The row order every regional form shares: the 合计 first (DOMAIN §7.1), then the leaf regions
 * (townships or villages) in code order, each parent level between the scope and the leaves opening
 * with its 小计 (city → county 小计; by village → township 小计). Sums are generic so each form
 * keeps its own figures and the totals are always the sum of the leaves.
 */
import type { Scope } from './form.ts';

export type LeafLevel = 'township' | 'village';

export interface LeafKey {
  county: string;
  township: string;
  /** The village code, or the township code + '000' for households without a village (as `stats`). */
  village: string;
}

export interface PrintedRow<S> {
  kind: 'total' | 'subtotal' | 'data';
  /** 序号 for data rows. */
  seq: number | null;
  code: string;
  label: string;
  sums: S;
}

export interface BlockSpec<S> {
  empty: () => S;
  add: (into: S, from: S) => void;
  names: ReadonlyMap<string, string>;
}

export function leafCode(k: LeafKey, level: LeafLevel): string {
  return level === 'township' ? k.township : k.village;
}

/** The parent levels that get a 小计 between the scope and the leaves. */
function subtotalLevels(scope: Scope, leaf: LeafLevel): Array<'county' | 'township'> {
  const out: Array<'county' | 'township'> = [];
  if (scope.level === 'city') out.push('county');
  if (leaf === 'village' && scope.level !== 'township') out.push('township');
  return out;
}

export function defaultLeaf(scope: Scope): LeafLevel {
  return scope.level === 'township' ? 'village' : 'township';
}

const NO_VILLAGE = '（未填村）';

function nameOf(names: ReadonlyMap<string, string>, code: string): string {
  return names.get(code) ?? (code.length === 12 && code.endsWith('000') ? NO_VILLAGE : code);
}

/** Orders leaves by code and interleaves the subtotal rows; the total comes first. */
export function regionBlocks<S>(items: ReadonlyArray<{ key: LeafKey; sums: S }>, scope: Scope, leaf: LeafLevel, spec: BlockSpec<S>): Array<PrintedRow<S>> {
  const byLeaf = new Map<string, { key: LeafKey; sums: S }>();
  for (const it of items) {
    const code = leafCode(it.key, leaf);
    let t = byLeaf.get(code);
    if (!t) byLeaf.set(code, (t = { key: it.key, sums: spec.empty() }));
    spec.add(t.sums, it.sums);
  }
  const leaves = [...byLeaf.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const levels = subtotalLevels(scope, leaf);
  const total: PrintedRow<S> = { kind: 'total', seq: null, code: scope.code, label: scope.level === 'city' ? '全市合计' : '合计', sums: spec.empty() };
  const out: Array<PrintedRow<S>> = [total];
  const open = new Map<string, PrintedRow<S>>();
  let seq = 0;
  for (const [code, l] of leaves) {
    spec.add(total.sums, l.sums);
    for (const level of levels) {
      const parent = l.key[level];
      let row = open.get(`${level}:${parent}`);
      if (!row) {
        row = { kind: 'subtotal', seq: null, code: parent, label: `${nameOf(spec.names, parent)}小计`, sums: spec.empty() };
        open.set(`${level}:${parent}`, row);
        out.push(row);
      }
      spec.add(row.sums, l.sums);
    }
    out.push({ kind: 'data', seq: ++seq, code, label: nameOf(spec.names, code), sums: l.sums });
  }
  return out;
}

/** The leaf key columns of a households query (h = households), as stats groups villages. */
export const LEAF_COLUMNS = `h.county_code AS county, h.township_code AS township, ifnull(h.village_code, h.township_code || '000') AS village`;

export function leafHeader(scope: Scope, leaf: LeafLevel): string {
  const unit = leaf === 'village' ? '行政村' : '乡镇';
  return scope.level === 'city' ? `县区/${unit}` : leaf === 'village' && scope.level === 'county' ? `乡镇/${unit}` : unit;
}
