/**
 * Saves a chart the renderer drew (ECharts getDataURL) as a PNG file the user picks. The renderer
 * cannot touch the disk, so the bytes cross IPC as a data URL and are checked before writing.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors.ts';
import type { Platform } from './context.ts';
import { systemReason } from '../../shared/humanize-error.ts';

const PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes and checks the data URL: strict base64 and the PNG signature, nothing else is written. */
export function decodePng(dataUrl: string): Buffer {
  const b64 = dataUrl.startsWith(PREFIX) ? dataUrl.slice(PREFIX.length) : '';
  if (b64 === '' || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
    throw new AppError('validation', '图片数据不完整，无法保存');
  }
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length < 64 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new AppError('validation', '图片数据不是 PNG 格式，无法保存');
  return bytes;
}

/** A file name without characters Windows refuses, kept short. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 80);
  return cleaned === '' ? '图表' : cleaned;
}

export async function savePng(platform: Platform, dataUrl: string, name: string): Promise<{ path: string | null }> {
  const bytes = decodePng(dataUrl);
  const chosen = await platform.saveFile({
    title: '保存图表为图片',
    defaultName: `${safeFileName(name)}.png`,
    filters: [{ name: 'PNG 图片', extensions: ['png'] }],
  });
  if (chosen === null) return { path: null };
  const path = /\.png$/i.test(chosen) ? chosen : `${chosen}.png`;
  // Write beside the target and rename, so a failed write never leaves half an image under the chosen name.
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    throw new AppError('file-unreadable', `无法保存图片到 ${path}：${systemReason(e)}`);
  }
  return { path };
}
