/**
 * Charts as PNG on the main-process side, headless: ECharts' server-side SVG renderer
 * (`echarts.init(null, null, { renderer: 'svg', ssr: true })`, no DOM or canvas needed) and
 * resvg compiled to WebAssembly to rasterise the SVG.
 *
 * Why PNG and this pair: Word shows SVG only from 2016 on and needs a PNG fallback in the same file
 * anyway, WPS and LibreOffice are uneven with SVG in .docx, so the report embeds PNG. resvg-wasm is a
 * single platform-independent .wasm file (no native build per OS, so the Windows installer built
 * on Linux carries it as is), unlike node-canvas or resvg's native binaries. WebAssembly cannot
 * read the OS font folders, so a CJK font file is found here and handed over as bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as echarts from 'echarts';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** Font files tried in order (Windows, Debian/Ubuntu, macOS); LEDGER_CJK_FONT names one explicitly. */
const FONT_CANDIDATES: ReadonlyArray<{ file: string; family: string }> = [
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'Microsoft YaHei' },
  { file: 'C:\\Windows\\Fonts\\simhei.ttf', family: 'SimHei' },
  { file: 'C:\\Windows\\Fonts\\simsun.ttc', family: 'SimSun' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'Noto Serif CJK SC' },
  { file: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
];

export interface ChartFont {
  file: string;
  family: string;
  bytes: Uint8Array;
}

let font: ChartFont | null | undefined;
let wasmReady: Promise<void> | undefined;

/** The CJK font charts are drawn with, or null when this machine has none (charts are then left out, and the report says so). */
export function chartFont(): ChartFont | null {
  if (font !== undefined) return font;
  const env = process.env.LEDGER_CJK_FONT;
  const candidates = env ? [{ file: env, family: '' }, ...FONT_CANDIDATES] : FONT_CANDIDATES;
  const found = candidates.find((c) => existsSync(c.file));
  font = found ? { ...found, bytes: new Uint8Array(readFileSync(found.file)) } : null;
  return font;
}

function wasmPath(): string {
  // In the bundled main process __filename is set; from source (CLI, tests) import.meta.url is.
  const req = createRequire(typeof __filename === 'string' && __filename.endsWith('.cjs') ? __filename : import.meta.url);
  return req.resolve('@resvg/resvg-wasm/index_bg.wasm');
}

async function ready(): Promise<void> {
  wasmReady ??= initWasm(readFileSync(wasmPath()));
  await wasmReady;
}

export interface ChartImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Draws an ECharts option (animation off) at width × height CSS pixels, rasterised at `scale`. */
export async function renderChart(option: echarts.EChartsCoreOption, width: number, height: number, scale = 2): Promise<ChartImage | null> {
  const f = chartFont();
  if (!f) return null;
  await ready();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const family = f.family || undefined;
  const r = new Resvg(svg, {
    font: { fontBuffers: [f.bytes], ...(family ? { defaultFontFamily: family, sansSerifFamily: family, serifFamily: family } : {}) },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  try {
    const img = r.render();
    return { png: img.asPng(), width, height };
  } finally {
    r.free();
  }
}
