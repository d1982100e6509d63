/**
 * The report's Chinese prose, generated from the facts alone. Every number is a `stats` figure (or
 * the difference of two, rounded to the fen like `stats` rounds), a count of households or of
 * measures; wording changes with the sign (增加/减少, 还差/超出) rather than printing a minus sign.
 */
import type { ComponentFigure } from '../../shared/api/analysis.ts';
import type { StatsRow } from '../../shared/api/stats.ts';
import { formatInt, formatPercent, formatYuan } from '../../shared/domain/format.ts';
import { growth, round2 } from '../../shared/domain/income.ts';
import { round4 } from '../analysis/stats.ts';
import type { ReportFacts } from './facts.ts';

export interface Section {
  heading: string;
  paragraphs: string[];
}

const y = (n: number): string => `${formatYuan(n)}元`;
const CHILD: Record<string, string> = { county: '县区', township: '乡镇', village: '行政村' };

/** "增加 1,234.00 元、增长 12.3%" or "减少 …、下降 …". */
export function changeWords(now: number, before: number, rate: number | null): string {
  const d = round2(now - before);
  if (d === 0) return '与上年持平';
  const r = rate === null ? '' : `、${d > 0 ? '增长' : '下降'}${formatPercent(Math.abs(rate))}`;
  return `${d > 0 ? '增加' : '减少'}${y(Math.abs(d))}${r}`;
}

export function gapWords(target: number | null, gapValue: number | null, what: string): string {
  if (target === null || gapValue === null) return `${what}未设定`;
  if (gapValue > 0) return `距${what}${y(target)}还差${y(gapValue)}`;
  if (gapValue < 0) return `超过${what}${y(target)}，超出${y(-gapValue)}`;
  return `恰好达到${what}${y(target)}`;
}

function provinceWords(avg: number | null, gapValue: number | null): string {
  if (avg === null || gapValue === null) return '全省平均参考值尚未填写，暂不比较';
  if (gapValue > 0) return `比全省平均${y(avg)}低${y(gapValue)}`;
  if (gapValue < 0) return `比全省平均${y(avg)}高${y(-gapValue)}`;
  return `与全省平均${y(avg)}持平`;
}

export function overview(f: ReportFacts): Section {
  const t = f.total;
  const a = f.analysis;
  const head = `${a.year}年，${a.scope.name}纳入台账的脱贫户${formatInt(t.households)}户、${formatInt(t.persons)}人`;
  if (t.perCapitaNet === null) return { heading: '一、总体情况', paragraphs: [`${head}，本年度尚无收入记录。`] };
  const prev = f.previous?.perCapitaNet ?? null;
  const vsLast = prev === null ? '（上年无收入记录，无法计算增幅）' : `，比上年的${y(prev)}${changeWords(t.perCapitaNet, prev, t.growth)}`;
  return {
    heading: '一、总体情况',
    paragraphs: [`${head}，人均纯收入${y(t.perCapitaNet)}${vsLast}。${gapWords(t.target, t.gapToTarget, '年度目标')}；${provinceWords(t.provinceAverage, t.gapToProvince)}。`],
  };
}

function componentSentence(c: ComponentFigure, prev: number | null): string {
  if (c.actual === null) return `${c.label}无数据。`;
  const vsLast = prev === null ? '' : `，比上年${changeWords(c.actual, prev, round4(growth(c.actual, prev)))}`;
  const province = c.provinceAverage === null ? '' : `，${provinceWords(c.provinceAverage, c.gapToProvince)}`;
  return `${c.label}人均${y(c.actual)}${vsLast}，${gapWords(c.target, c.gapToTarget, '目标')}${province}。`;
}

export function components(f: ReportFacts): Section {
  const prevRow: StatsRow | null = f.previous;
  const sentences = f.analysis.components.total.figures.map((c) => componentSentence(c, prevRow ? prevRow[c.metric] : null));
  const weakest = f.analysis.components.total.figures.filter((c) => c.gapToTarget !== null && c.gapToTarget > 0).map((c) => c.label);
  const close = weakest.length ? `未达到目标的构成项是${weakest.join('、')}，是下一步增收的重点。` : '四项构成均已达到目标。';
  const noProvince = f.analysis.components.total.figures.every((c) => c.provinceAverage === null) ? '各项构成的全省平均参考值尚未填写，暂不比较。' : '';
  return { heading: '二、收入构成', paragraphs: [...sentences, `${close}${noProvince}`] };
}

export function groups(f: ReportFacts): Section {
  const c = f.analysis.categories.total;
  const prev = c.previous;
  const delta = (now: number, before: number | undefined): string => {
    if (before === undefined) return '';
    const d = now - before;
    return d === 0 ? '，与上年持平' : `，比上年${d > 0 ? '增加' : '减少'}${formatInt(Math.abs(d))}户`;
  };
  return {
    heading: '三、两类群体和易地搬迁户',
    paragraphs: [
      `人均纯收入低于${y(f.line)}的${formatInt(c.belowLine)}户${delta(c.belowLine, prev?.belowLine)}；收入比上年下降的${formatInt(c.decreased)}户${delta(c.decreased, prev?.decreased)}；` +
        `易地搬迁户${formatInt(c.relocated)}户${delta(c.relocated, prev?.relocated)}。三类合计（一户只计一次）${formatInt(c.anyCategory)}户，均应建立工作台账并落实“一户一策”。`,
    ],
  };
}

export function weakest(f: ReportFacts): Section | null {
  const level = f.analysis.childLevel;
  if (!level || f.weakest.length === 0) return null;
  const unit = CHILD[level] ?? '地区';
  const list = f.weakest.map((r) => `${r.name}（${y(r.perCapitaNet as number)}，${gapWords(r.target, r.gapToTarget, '目标')}）`).join('、');
  return {
    heading: `四、薄弱${unit}`,
    paragraphs: [`有收入记录的${formatInt(f.childCount)}个${unit}中，${formatInt(f.belowTarget)}个未达到年度目标。人均纯收入最低的是${list}，应作为帮扶重点。`],
  };
}

export function measures(f: ReportFacts, n: string): Section {
  const m = f.measures;
  const year = f.analysis.year;
  const p1 = `增收三年行动${formatInt(m.total)}项重点措施中，${year}年已完成${formatInt(m.done)}项、推进中${formatInt(m.inProgress)}项、未启动${formatInt(m.notStarted)}项，` +
    `${formatInt(m.notReported)}项尚未填报进展（一项措施有多个责任单位时，按进展最慢的单位计）。`;
  const met = m.indicators.filter((i) => i.met).length;
  const p2 = m.indicators.length === 0
    ? `${year}年尚未填报指标完成值。`
    : `已填报完成值的${formatInt(m.indicators.length)}项指标中${formatInt(met)}项达到目标。`;
  return { heading: `${n}、增收措施推进情况`, paragraphs: [p1, p2] };
}

export function reportSections(f: ReportFacts): Section[] {
  const w = weakest(f);
  return [overview(f), components(f), groups(f), ...(w ? [w] : []), measures(f, w ? '五' : '四')];
}
