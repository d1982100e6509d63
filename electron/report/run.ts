/**
 * `report` / 生成分析报告: gathers the facts, writes the prose, draws the charts and packs the .docx
 * into `<out>.part`, renamed to `out` only when complete (a failed or cancelled run leaves no file
 * under the chosen name).
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Packer } from 'docx';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../db/types.ts';
import { chartFont, renderChart } from './chart-png.ts';
import { CHART_HEIGHT, CHART_WIDTH, reportCharts } from './charts.ts';
import { buildDocument, reportTitle } from './document.ts';
import { gatherFacts } from './facts.ts';
import { reportSections } from './prose.ts';

export interface ReportHooks {
  signal?: AbortSignal | undefined;
  progress?: (step: string, current: number, total: number | null) => void;
  date?: Date;
}

export interface ReportOutcome {
  path: string;
  title: string;
  year: number;
  scopeLabel: string;
  charts: number;
  /** Set when the charts could not be drawn (no CJK font): the document says so in their place. */
  warning: string | null;
  bytes: number;
}

export async function runReport(db: Db, out: string, q: { year?: number | undefined; county?: string | undefined }, hooks: ReportHooks = {}): Promise<ReportOutcome> {
  if (!/\.docx$/i.test(out)) throw new AppError('validation', `报告文件名应以 .docx 结尾：${out}`);
  const part = `${out}.part`;
  const facts = gatherFacts(db, q);
  const sections = reportSections(facts);
  const charts = reportCharts(facts);
  const images = [];
  for (const [i, c] of charts.entries()) {
    if (hooks.signal?.aborted) throw new AppError('cancelled', '已取消');
    hooks.progress?.('绘制图表', i, charts.length);
    images.push(await renderChart(c.option, CHART_WIDTH, CHART_HEIGHT));
  }
  const warning = chartFont() === null ? '本机未找到中文字体，报告中的图表未生成（可设置环境变量 LEDGER_CJK_FONT 指向字体文件）' : null;
  hooks.progress?.('生成文档', charts.length, charts.length);
  const doc = buildDocument({ facts, sections, charts, images, date: hooks.date ?? new Date() });
  try {
    writeFileSync(part, await Packer.toBuffer(doc));
    if (hooks.signal?.aborted) throw new AppError('cancelled', '已取消');
    renameSync(part, out);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  return {
    path: out, title: reportTitle(facts), year: facts.analysis.year, scopeLabel: facts.analysis.scope.name,
    charts: images.filter((x) => x !== null).length, warning, bytes: statSync(out).size,
  };
}
