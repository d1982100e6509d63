/**
 * The words around a chart that leaves the app (保存图片, the report's figures): its title, the
 * region, year and unit, the data source and — from the demo database — the 演示数据 mark, so a
 * picture pasted into a report still says what it shows and where it came from.
 */
export interface ChartCaption {
  title: string;
  region: string;
  /** A year or a span ("2021–2024年"). */
  year: number | string;
  unit: string;
  source: string;
  demo: boolean;
}

export interface CaptionLines {
  title: string;
  subtitle: string;
  footer: string;
}

export function captionLines(c: ChartCaption): CaptionLines {
  const year = typeof c.year === 'number' ? `${c.year}年` : c.year;
  return {
    title: c.demo ? `${c.title}（演示数据）` : c.title,
    subtitle: [c.region, year, c.unit ? `单位：${c.unit}` : ''].filter(Boolean).join(' · '),
    footer: `数据来源：${c.source}${c.demo ? ' · 演示数据，非真实台账，不得上报' : ''}`,
  };
}
