/**
 * The .docx of the 增收情况分析, built with the `docx` library (no hand-written OOXML): the layout of
 * a county bureau's written report — a centred 小标宋/黑体 title, the unit and date, 黑体 section
 * headings, 仿宋 body text with a two-character first-line indent, the figures as PNG images, the
 * tables, the accounting rules and the data note; the 演示数据 mark in the title and in every page
 * header when the database is the demo.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, ImageRun, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { formatInt, formatPercent, formatYuan } from '../../shared/domain/format.ts';
import { DEMO_TITLE_SUFFIX, isoToCn } from '../export/marks.ts';
import { accountingNote } from '../export/half-year.ts';
import { formatDateCn } from '../export/layout.ts';
import type { ChartImage } from './chart-png.ts';
import type { ReportChart } from './charts.ts';
import type { ReportFacts } from './facts.ts';
import type { Section } from './prose.ts';

const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

function body(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, font: BODY, size: 32 })], indent: { firstLine: 640 }, spacing: { line: 560 }, alignment: AlignmentType.JUSTIFIED });
}

function heading(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, font: HEI, size: 32 })], indent: { firstLine: 640 }, spacing: { before: 240, line: 560 } });
}

function centred(text: string, size: number, font = SONG, bold = false): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, font, size, bold })], alignment: AlignmentType.CENTER, spacing: { after: 120 } });
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, font: header ? HEI : SONG, size: 20 })], alignment: AlignmentType.CENTER })],
    shading: header ? { fill: 'E7EEF7' } : undefined,
  });
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

export function table(head: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))],
  });
}

function componentTable(f: ReportFacts): Table {
  const prev = f.previous;
  const t = f.total;
  const rows = [
    ['人均纯收入', formatYuan(t.perCapitaNet), formatYuan(prev?.perCapitaNet ?? null), formatPercent(t.growth), formatYuan(t.target), formatYuan(t.gapToTarget), formatYuan(t.provinceAverage), formatYuan(t.gapToProvince)],
    ...f.analysis.components.total.figures.map((c) => [
      c.label, formatYuan(c.actual), formatYuan(prev ? prev[c.metric] : null), formatPercent(c.actual !== null && prev && prev[c.metric] ? c.actual / (prev[c.metric] as number) - 1 : null),
      formatYuan(c.target), formatYuan(c.gapToTarget), formatYuan(c.provinceAverage), formatYuan(c.gapToProvince),
    ]),
  ];
  return table(['指标', '本年（元）', '上年（元）', '增幅', '年度目标', '距目标', '全省平均', '距全省'], rows);
}

function regionTable(f: ReportFacts): Table {
  const r = (x: ReportFacts['total'], name: string, seq: string): string[] => [
    seq, name, formatInt(x.households), formatInt(x.persons), formatYuan(x.perCapitaNet), formatPercent(x.growth), formatYuan(x.gapToTarget),
    formatInt(x.below8000), formatInt(x.decreased), formatInt(x.relocated),
  ];
  const rows = [r(f.total, '合计', ''), ...f.analysis.stats.rows.map((x, i) => r(x, x.name, String(i + 1)))];
  return table(['序号', '地区', '户数', '人数', '人均纯收入（元）', '增幅', '距目标（元）', `低于${formatInt(f.line)}元（户）`, '收入下降（户）', '易地搬迁（户）'], rows);
}

function figure(chart: ReportChart, image: ChartImage | null, n: number): Paragraph[] {
  const cap = centred(`图${n}　${chart.caption.title}`, 24, HEI);
  if (!image) return [centred(`（图${n}“${chart.caption.title}”未生成：本机未找到可用的中文字体）`, 24), cap];
  const w = 560;
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: image.png, transformation: { width: w, height: Math.round((w * image.height) / image.width) } })] }),
    cap,
  ];
}

export interface DocumentInput {
  facts: ReportFacts;
  sections: Section[];
  charts: ReportChart[];
  images: Array<ChartImage | null>;
  date: Date;
}

export function reportTitle(f: ReportFacts): string {
  return `${f.analysis.scope.name}${f.analysis.year}年脱贫人口增收情况分析${f.demo ? DEMO_TITLE_SUFFIX : ''}`;
}

export function buildDocument(d: DocumentInput): Document {
  const f = d.facts;
  // Figures are numbered in the order they appear (the object below is built in section order).
  let shown = 0;
  const chartAt = (key: string): Paragraph[] => {
    const i = d.charts.findIndex((c) => c.key === key);
    return i < 0 ? [] : figure(d.charts[i] as ReportChart, d.images[i] ?? null, ++shown);
  };
  const after: Record<number, Array<Paragraph | Table>> = {
    0: [...chartAt('trajectory')],
    1: [...chartAt('components'), centred('表1　人均纯收入构成', 24, HEI), componentTable(f)],
    2: [...chartAt('distribution')],
    3: f.analysis.childLevel ? [...chartAt('ranking'), centred('表2　分地区收入情况', 24, HEI), regionTable(f)] : [],
  };
  const children: Array<Paragraph | Table> = [
    centred(reportTitle(f), 44, { ...SONG, eastAsia: '方正小标宋简体' }, true),
    centred(`${f.unitName || '（填报单位）'}　${formatDateCn(d.date)}`, 28, BODY),
  ];
  d.sections.forEach((s, i) => {
    children.push(heading(s.heading), ...s.paragraphs.map(body), ...(after[i] ?? []));
  });
  children.push(heading('附：统计口径'), body(accountingNote(f.analysis.year, 'year', f.line).replace(/^说明（统计口径）：/, '')));
  children.push(body(`数据来源：${f.source}；数据截至${f.asOf ? isoToCn(f.asOf) : '（无数据）'}（最近一次导入或修改）。`));
  const header = f.demo ? { default: new Header({ children: [centred('演示数据　非真实台账　不得上报', 24, HEI, true)] }) } : undefined;
  return new Document({
    creator: '脱贫人口增收台账',
    title: reportTitle(f),
    sections: [{
      properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      ...(header ? { headers: header } : {}),
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })] })] }) },
      children,
    }],
  });
}
