/**
 * The 增收情况分析 .docx: parsed back (word/document.xml), its prose numbers are `stats` numbers
 * for the same scope and year — every number in every body paragraph is checked against the set
 * computed here from computeStats / buildAnalysis and the measures — and it carries its charts.
 */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInt, formatPercent, formatYuan } from '../../../shared/domain/format.ts';
import { growth, round2 } from '../../../shared/domain/income.ts';
import { computeStats, round4 } from '../../../electron/analysis/stats.ts';
import { buildAnalysis } from '../../../electron/analysis/view.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import type { Db } from '../../../electron/db/types.ts';
import { measuresFact } from '../../../electron/report/facts.ts';
import { runReport } from '../../../electron/report/run.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeExportDb } from '../export/fixture.ts';

let dir: TempDir;
let db: Db;

/** Body paragraphs' text, in order (w:p → concatenated w:t). */
export async function docxParagraphs(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter((t) => t !== '');
}

/** Numbers as the prose writes them (yuan, counts, percentages), from the same figures. */
function allowedNumbers(year: number, county: string): Set<string> {
  const a = buildAnalysis(db, { year, scope: county });
  const prev = computeStats(db, { year: year - 1, by: 'township', county }).total;
  const out = new Set<string>([String(year), String(year - 1)]);
  const yuan = (v: number | null): void => { if (v !== null) out.add(formatYuan(Math.abs(v))); };
  const pct = (v: number | null): void => { if (v !== null) out.add(formatPercent(Math.abs(v))); };
  const int = (v: number): void => void out.add(formatInt(Math.abs(v)));
  for (const r of [a.stats.total, ...a.stats.rows]) {
    [r.perCapitaNet, r.target, r.gapToTarget, r.provinceAverage, r.gapToProvince, r.wage, r.business, r.property, r.transfer].forEach(yuan);
    pct(r.growth);
    [r.households, r.persons, r.below8000, r.decreased, r.relocated].forEach(int);
  }
  yuan(prev.perCapitaNet);
  if (a.stats.total.perCapitaNet !== null && prev.perCapitaNet !== null) yuan(round2(a.stats.total.perCapitaNet - prev.perCapitaNet));
  for (const c of a.components.total.figures) {
    [c.actual, c.target, c.gapToTarget, c.provinceAverage, c.gapToProvince].forEach(yuan);
    const p = prev[c.metric];
    yuan(p);
    if (c.actual !== null && p !== null) {
      yuan(round2(c.actual - p));
      pct(round4(growth(c.actual, p)));
    }
  }
  const cat = a.categories.total;
  [cat.belowLine, cat.decreased, cat.relocated, cat.anyCategory, ...Object.values(cat.change ?? {})].forEach(int);
  yuan(a.distribution.line);
  int(a.stats.rows.filter((r) => r.perCapitaNet !== null).length);
  int(a.stats.rows.filter((r) => r.gapToTarget !== null && r.gapToTarget > 0).length);
  const m = measuresFact(db, year, county);
  [m.total, m.done, m.inProgress, m.notStarted, m.notReported, m.indicators.length, m.indicators.filter((i) => i.met).length].forEach(int);
  return out;
}

const NUMBER = /\d[\d,]*(?:\.\d+)?%?/g;

beforeAll(() => {
  dir = tempDir('report-');
  makeExportDb(dir.path('ledger.db'));
  db = openDatabase(dir.path('ledger.db'), { readonly: true });
});
afterAll(() => {
  db.close();
  dir.remove();
});

describe('增收情况分析 report', () => {
  let paragraphs: string[];
  beforeAll(async () => {
    const out = dir.path('report.docx');
    const r = await runReport(db, out, { year: 2024, county: '620422' });
    expect(r.charts).toBe(4);
    paragraphs = await docxParagraphs(out);
  });

  it('states the scope’s stats figures in its prose', () => {
    const s = computeStats(db, { year: 2024, by: 'township', county: '620422' }).total;
    const text = paragraphs.join('\n');
    expect(paragraphs[0]).toBe('会宁县2024年脱贫人口增收情况分析');
    expect(text).toContain(`纳入台账的脱贫户${formatInt(s.households)}户、${formatInt(s.persons)}人，人均纯收入${formatYuan(s.perCapitaNet)}元`);
    expect(text).toContain(`增长${formatPercent(s.growth)}`);
    expect(text).toContain(`工资性收入人均${formatYuan(s.wage)}元`);
    expect(text).toContain(`人均纯收入低于8,000.00元的${formatInt(s.below8000)}户`);
    expect(text).toContain(`易地搬迁户${formatInt(s.relocated)}户`);
    expect(text).toMatch(/增收三年行动22项重点措施中/);
  });

  it('has no number in its prose that is not a stats (or measures) figure', () => {
    const allowed = allowedNumbers(2024, '620422');
    const prose = paragraphs.filter((p) => p.length > 40 && !p.startsWith('1. 家庭纯收入') && !p.startsWith('数据来源') && !p.includes('家庭纯收入 = '));
    expect(prose.length).toBeGreaterThan(6);
    for (const p of prose) {
      for (const n of p.match(NUMBER) ?? []) expect(allowed.has(n), `${n} in「${p}」`).toBe(true);
    }
  });

  it('embeds the charts as PNG images and ends with the 口径 and the data note', async () => {
    const zip = await JSZip.loadAsync(readFileSync(dir.path('report.docx')));
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBe(4);
    const png = await zip.file(media[0]!)!.async('uint8array');
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(paragraphs.some((p) => p.includes('Σ家庭纯收入 ÷ Σ家庭人口'))).toBe(true);
    expect(paragraphs.at(-1)).toMatch(/^数据来源：脱贫人口增收台账/);
  });

  it('marks a report from the demo database in its title and page header', async () => {
    const demo = openDatabase(makeExportDb(dir.path('demo.db'), { demo: true }), { readonly: true });
    try {
      const out = dir.path('demo.docx');
      await runReport(demo, out, { year: 2024 });
      const p = await docxParagraphs(out);
      expect(p[0]).toBe('白银市2024年脱贫人口增收情况分析（演示数据）');
      const zip = await JSZip.loadAsync(readFileSync(out));
      const header = Object.keys(zip.files).find((f) => /^word\/header\d*\.xml$/.test(f));
      expect(await zip.file(header!)!.async('string')).toContain('演示数据');
    } finally {
      demo.close();
    }
  });
});
