/**
 * 收入分段统计表: households and persons by per-capita band (edges from 设置), one row per
 * township or village, 小计 per county (city scope), the 合计 first, each band with its share of
 * households. Households and persons are the year's income records, counted as `stats` counts
 * them; the band test is cross-multiplied in integers like the 8,000 line.
 */
import { bandLabels } from '../../shared/domain/income-bands.ts';
import { regionNames } from '../db/queries/stats.ts';
import { readBandEdges } from './bands-setting.ts';
import { formTitle, scopeSql, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';
import { LEAF_COLUMNS, leafHeader, regionBlocks, type LeafKey } from './region-blocks.ts';

export interface BandSums {
  households: number;
  persons: number;
  /** Per band: [households, persons]. */
  bands: Array<[number, number]>;
}

export function bandColumns(labels: readonly string[], header: string): FormColumn[] {
  const cols: FormColumn[] = [
    { header: '序号', width: 6, kind: 'seq' },
    { header, width: 16, kind: 'text' },
    { header: ['合计', '户数'], width: 9, kind: 'count' },
    { header: ['合计', '人数'], width: 9, kind: 'count' },
  ];
  for (const l of labels) {
    cols.push({ header: [l, '户数'], width: 8, kind: 'count' }, { header: [l, '人数'], width: 8, kind: 'count' }, { header: [l, '户数占比'], width: 8, kind: 'percent' });
  }
  return cols;
}

/** CASE expression giving the band (0…n) of income record r; edges are validated integers. */
function bandCase(edges: readonly number[]): string {
  const arms = edges.map((e, i) => `WHEN r.net_fen < ${Math.round(e * 100)} * r.size THEN ${i}`);
  return `CASE ${arms.join(' ')} ELSE ${edges.length} END`;
}

export function bandRows(f: FormContext, edges: readonly number[]): Array<{ key: LeafKey; sums: BandSums }> {
  const s = scopeSql(f.scope);
  const rows = f.db.prepare(`SELECT ${LEAF_COLUMNS}, ${bandCase(edges)} AS band, count(*) AS households, sum(r.size) AS persons
    FROM households h CROSS JOIN income_records r ON r.household_id = h.id
    WHERE r.year = @year AND ${s.where} GROUP BY 1, 2, 3, 4`).all({ ...s.params, year: f.year }) as Array<LeafKey & { band: number; households: number; persons: number }>;
  return rows.map((r) => {
    const bands = edges.map((): [number, number] => [0, 0]).concat([[0, 0]]);
    bands[r.band] = [r.households, r.persons];
    return { key: { county: r.county, township: r.township, village: r.village }, sums: { households: r.households, persons: r.persons, bands } };
  });
}

function cells(seq: number | null, label: string, s: BandSums): CellValue[] {
  const out: CellValue[] = [seq, label, s.households, s.persons];
  for (const [h, p] of s.bands) out.push(h, p, s.households > 0 ? Math.round((h / s.households) * 10000) / 10000 : null);
  return out;
}

export async function writeIncomeBands(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const edges = readBandEdges(f.db);
  const labels = bandLabels(edges);
  const sheet = new FormSheet(book, bandColumns(labels, leafHeader(f.scope, f.by)), {
    title: formTitle('income-bands', f.scope, f.year), signatures: f.signatures, date: f.date, frozenColumns: 2, sheetName: '收入分段统计',
  });
  const printed = regionBlocks(bandRows(f, edges), f.scope, f.by, {
    names: regionNames(f.db),
    empty: () => ({ households: 0, persons: 0, bands: labels.map((): [number, number] => [0, 0]) }),
    add: (t, x) => {
      t.households += x.households;
      t.persons += x.persons;
      x.bands.forEach(([h, p], i) => {
        const b = t.bands[i] as [number, number];
        b[0] += h;
        b[1] += p;
      });
    },
  });
  let rows = 0;
  for (const r of printed) {
    if (r.kind === 'data' && rows >= f.limit) break;
    sheet.addRow(cells(r.seq, r.label, r.sums), r.kind);
    if (r.kind === 'data') rows++;
  }
  sheet.addMergedRow(`说明：人均纯收入 = 家庭纯收入 ÷ 家庭人口（${f.year}年收入记录）；分段含下限、不含上限（如“5,000–8,000元”指不低于5,000元且低于8,000元）；分段界限可在导出页设置；占比为该段户数占本行户数的比例。`, 'note', 36);
  f.progress('写入', rows, rows);
  sheet.finish();
  return { rows, sheets: [sheet.sheet.name] };
}
