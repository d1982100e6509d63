/**
 * The file's own totals against what the mapping produces. One row that disagrees is a data problem
 * (a row warning showing both figures); many rows that disagree mean the mapping dropped or misread a
 * column, so the file is stopped before anything is written unless the user accepts it explicitly.
 * The words here are the same in the preview, the CLI and the error workbook.
 */
import type { IncomeValues, RowIssue } from './import-rows.ts';

export type TotalKind = 'net' | 'perCapita' | 'size';
export const TOTAL_KINDS: readonly TotalKind[] = ['net', 'perCapita', 'size'];

export const TOTAL_LABELS: Readonly<Record<TotalKind, string>> = {
  net: '家庭纯收入与各项收入之和',
  perCapita: '人均纯收入与家庭纯收入 ÷ 家庭人口数',
  size: '家庭人口数与本表列出的成员行数',
};

/** Which figure the ledger keeps when the two disagree: stated in words wherever the figures are shown. */
export const STORED_RULE: Readonly<Record<TotalKind, string>> = {
  net: '台账只保存各项收入，家庭纯收入按各项计算（工资性 + 生产经营性 − 生产经营性支出 + 财产性 + 转移性；只有经营净收入时用经营净收入），文件中的合计不保存',
  perCapita: '台账的人均纯收入 = 按各项计算的家庭纯收入 ÷ 家庭人口数，文件中的人均不保存',
  size: '台账按文件所填的家庭人口数保存',
};

/**
 * More than this share of the compared households disagreeing (and at least GATE_MIN_ROWS of them)
 * stops the file: a typo is rare, a dropped column hits nearly every row.
 */
export const GATE_SHARE = 0.05;
export const GATE_MIN_ROWS = 2;

export function gateTrips(compared: number, mismatched: number): boolean {
  return mismatched >= GATE_MIN_ROWS && mismatched > compared * GATE_SHARE;
}

const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** 家庭纯收入 from the mapped parts, as the ledger will compute it (net_fen, migration 012). */
export function mappedNetFen(v: IncomeValues): number {
  return v.wageFen + (v.businessNetFen ?? v.businessGrossFen - v.businessExpenseFen) + v.propertyFen + v.transferFen;
}

export interface TotalComparison {
  kind: TotalKind;
  /** The figure the file wrote and the one computed from the mapped columns, as shown to the user. */
  inFile: string;
  computed: string;
  agrees: boolean;
}

/** 家庭纯收入 and 人均纯收入 as written, against the mapped components (only where the file has them). */
export function compareIncomeTotals(v: IncomeValues, size: number | null): TotalComparison[] {
  const out: TotalComparison[] = [];
  const net = mappedNetFen(v);
  if (v.netFen !== null) out.push({ kind: 'net', inFile: yuan(v.netFen), computed: yuan(net), agrees: Math.abs(v.netFen - net) <= 100 });
  if (v.perCapitaFen !== null && size && size > 0) {
    const basis = v.netFen ?? net;
    // One yuan of tolerance: sheets round per-capita to whole yuan.
    out.push({ kind: 'perCapita', inFile: yuan(v.perCapitaFen), computed: yuan(Math.round(basis / size)), agrees: Math.abs(v.perCapitaFen - basis / size) <= 100 });
  }
  return out;
}

/** Totals that disagree with their parts: warnings that show both figures and say which one is kept. */
export function incomeConsistency(v: IncomeValues, size: number | null): RowIssue[] {
  const out: RowIssue[] = [];
  for (const c of compareIncomeTotals(v, size)) {
    if (c.agrees) continue;
    if (c.kind === 'net') out.push({ field: 'net', code: 'net-mismatch', message: `家庭纯收入填 ${c.inFile}，按各项计算为 ${c.computed}（台账按各项计算，保存 ${c.computed}）` });
    else {
      const basis = v.netFen ?? mappedNetFen(v);
      out.push({ field: 'perCapita', code: 'per-capita-mismatch', message: `人均纯收入填 ${c.inFile}，家庭纯收入 ${yuan(basis)} ÷ ${size} 人 = ${c.computed}（台账按各项计算人均）` });
    }
  }
  return out;
}

export interface TotalSample {
  sheet: string;
  row: number;
  inFile: string;
  computed: string;
}

/** Per kind: households compared, how many disagreed, the first few. Plain data (crosses the reader thread). */
export type TotalTallies = Record<TotalKind, { compared: number; mismatched: number; samples: TotalSample[] }>;

export const MAX_TOTAL_SAMPLES = 5;

export function emptyTallies(): TotalTallies {
  return { net: { compared: 0, mismatched: 0, samples: [] }, perCapita: { compared: 0, mismatched: 0, samples: [] }, size: { compared: 0, mismatched: 0, samples: [] } };
}

export function tallyTotal(t: TotalTallies, kind: TotalKind, agrees: boolean, sample: TotalSample): void {
  const k = t[kind];
  k.compared++;
  if (agrees) return;
  k.mismatched++;
  if (k.samples.length < MAX_TOTAL_SAMPLES) k.samples.push(sample);
}
