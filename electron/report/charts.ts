/**
 * The report's figures as ECharts options, each captioned (title, region · year · unit, source,
 * demo mark) inside the picture, so the image stands on its own when copied out of the document.
 */
import type { EChartsCoreOption } from 'echarts';
import { captionLines, type ChartCaption } from '../../shared/domain/chart-caption.ts';
import type { ReportFacts } from './facts.ts';

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 400;

export interface ReportChart {
  key: string;
  caption: ChartCaption;
  option: EChartsCoreOption;
}

function framed(c: ChartCaption, option: EChartsCoreOption): EChartsCoreOption {
  const lines = captionLines(c);
  return {
    ...option,
    title: { text: lines.title, subtext: lines.subtitle, left: 'center', top: 6, textStyle: { fontSize: 16 }, subtextStyle: { fontSize: 12, color: '#555' } },
    graphic: [{ type: 'text', left: 12, bottom: 8, style: { text: lines.footer, fontSize: 11, fill: c.demo ? '#c0392b' : '#777' } }],
    grid: { left: 64, right: 24, top: 78, bottom: 64 },
  };
}

const label = (v: number | null): number | '-' => (v === null ? '-' : v);

export function reportCharts(f: ReportFacts): ReportChart[] {
  const a = f.analysis;
  const base = { region: a.scope.name, year: a.year, unit: '元', source: f.source, demo: f.demo };
  const out: ReportChart[] = [];
  const comp = a.components.total.figures;
  out.push({
    key: 'components',
    caption: { ...base, title: '人均纯收入构成与目标、全省平均对比' },
    option: {
      legend: { bottom: 28, data: ['本年', '年度目标', '全省平均'] },
      xAxis: { type: 'category', data: comp.map((c) => c.label) },
      yAxis: { type: 'value' },
      series: [
        { name: '本年', type: 'bar', data: comp.map((c) => label(c.actual)), label: { show: true, position: 'top', fontSize: 10 } },
        { name: '年度目标', type: 'bar', data: comp.map((c) => label(c.target)) },
        { name: '全省平均', type: 'bar', data: comp.map((c) => label(c.provinceAverage)) },
      ],
    },
  });
  if (a.childLevel && a.stats.rows.length > 0) {
    const rows = [...a.stats.rows].filter((r) => r.perCapitaNet !== null).sort((x, y) => (x.perCapitaNet as number) - (y.perCapitaNet as number));
    const target = a.stats.total.target;
    out.push({
      key: 'ranking',
      caption: { ...base, title: `各${a.childLevel === 'county' ? '县区' : a.childLevel === 'township' ? '乡镇' : '行政村'}人均纯收入` },
      option: {
        xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: rows.length > 8 ? 45 : 0, fontSize: 10 } },
        yAxis: { type: 'value' },
        series: [{
          type: 'bar', data: rows.map((r) => r.perCapitaNet), itemStyle: { color: '#3b6fb6' },
          ...(target !== null ? { markLine: { symbol: 'none', data: [{ yAxis: target, name: '年度目标' }], label: { formatter: `年度目标 ${target}` }, lineStyle: { color: '#c0392b' } } } : {}),
        }],
      },
    });
  }
  const d = a.distribution;
  out.push({
    key: 'distribution',
    caption: { ...base, title: '户人均纯收入分布（户数）', unit: '户' },
    option: {
      xAxis: { type: 'category', name: '人均纯收入（元）', nameLocation: 'middle', nameGap: 26, data: d.bins.map((b) => (b.to === null ? `${b.from}+` : `${b.from / 1000}千`)), axisLabel: { fontSize: 9 } },
      yAxis: { type: 'value' },
      series: [{
        type: 'bar', barCategoryGap: '10%', itemStyle: { color: '#5b8e4f' }, data: d.bins.map((b) => b.households),
        markLine: { symbol: 'none', data: [{ xAxis: Math.min(d.bins.length - 1, Math.floor(d.line / d.binWidth)) }], label: { formatter: `收入线 ${d.line}` }, lineStyle: { color: '#c0392b' } },
      }],
    },
  });
  const t = a.trajectory.points;
  if (t.length > 1) {
    out.push({
      key: 'trajectory',
      caption: { ...base, year: `${t[0]!.year}–${t[t.length - 1]!.year}年`, title: '历年人均纯收入与目标' },
      option: {
        legend: { bottom: 28, data: ['台账人均纯收入', '年度目标', '全省平均'] },
        xAxis: { type: 'category', data: t.map((p) => `${p.year}`) },
        yAxis: { type: 'value' },
        series: [
          { name: '台账人均纯收入', type: 'line', data: t.map((p) => label(p.actual)), label: { show: true, fontSize: 10 } },
          { name: '年度目标', type: 'line', data: t.map((p) => label(p.target)), lineStyle: { type: 'dashed' } },
          { name: '全省平均', type: 'line', data: t.map((p) => label(p.provinceAverage)), lineStyle: { type: 'dotted' } },
        ],
      },
    });
  }
  return out.map((c) => ({ ...c, option: framed(c.caption, c.option) }));
}
