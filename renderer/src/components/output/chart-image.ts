/**
 * 保存图片 with its words: the chart's PNG (ECharts getDataURL) drawn on a canvas under its title
 * and the region · year · unit line, over the source line and — from the demo database — the red
 * 演示数据 mark, so the picture says what it is wherever it is pasted.
 */
import type { CaptionLines } from '../../../../shared/domain/chart-caption.ts';

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('图表图片无法读取'));
    img.src = src;
  });
}

/** The captioned picture as a PNG data URL; `scale` is the chart's pixel ratio (getDataURL pixelRatio). */
export async function captionedPng(chartDataUrl: string, lines: CaptionLines, demo: boolean, scale = 2): Promise<string> {
  const img = await loadImage(chartDataUrl);
  const pad = 20 * scale;
  const top = 64 * scale;
  const bottom = 30 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = img.width + pad * 2;
  canvas.height = img.height + top + bottom;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('无法绘制图片');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.textAlign = 'center';
  g.textBaseline = 'alphabetic';
  g.fillStyle = '#222222';
  g.font = `bold ${18 * scale}px ${FONT}`;
  g.fillText(lines.title, canvas.width / 2, 28 * scale);
  g.fillStyle = '#555555';
  g.font = `${12 * scale}px ${FONT}`;
  g.fillText(lines.subtitle, canvas.width / 2, 50 * scale);
  g.drawImage(img, pad, top);
  g.textAlign = 'left';
  g.fillStyle = demo ? '#c0392b' : '#777777';
  g.font = `${11 * scale}px ${FONT}`;
  g.fillText(lines.footer, pad, canvas.height - 10 * scale);
  return canvas.toDataURL('image/png');
}
