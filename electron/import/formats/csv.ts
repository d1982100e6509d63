/**
 * CSV as townships save it: UTF-8 with or without a BOM, or GBK (Excel's "CSV" on a Chinese
 * Windows). A strict UTF-8 decode decides: GBK text is almost never valid UTF-8. Cells written as
 * ="…" (the trick that keeps Excel from turning an ID into a number) are unwrapped.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors.ts';
import type { RawCell } from '../../../shared/domain/import-values.ts';
import { LIMITS, TUNING } from '../limits.ts';
import type { SheetRow } from '../xlsx/sheet-stream.ts';
import type { SheetSource } from './source.ts';

export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' | 'utf-16' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  // Excel's "Unicode 文本" is UTF-16 LE with a BOM; BE is rare but costs nothing.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

/** An HTML page as its meta charset says (GBK pages from older web systems), else as decodeCsv guesses. */
export function decodeHtml(bytes: Buffer): string {
  const cs = /charset\s*=\s*["']?\s*([\w-]+)/i.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 4096)))?.[1]?.toLowerCase();
  if (cs && /^(gb2312|gbk|gb18030|x-gbk)$/.test(cs)) return iconv.decode(bytes, 'gb18030');
  return decodeCsv(bytes).text;
}

/**
 * The separator, by content: Excel's 文本文件(制表符分隔) uses tabs, European-locale CSV semicolons.
 * The one that occurs most on the first lines (outside quotes) wins; commas on a tie.
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024).replace(/"[^"]*"/g, '');
  const lines = sample.split(/\r?\n/).slice(0, 30);
  const count = (d: string): number => lines.reduce((n, l) => n + l.split(d).length - 1, 0);
  const tabs = count('\t');
  const commas = count(',');
  const semis = count(';');
  if (tabs > commas && tabs >= semis) return '\t';
  if (semis > commas && semis > tabs) return ';';
  return ',';
}

/** RFC 4180 with tolerance for a missing final newline and \r\n or \n line ends. */
export function parseCsv(text: string, file: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      if (rows.length > LIMITS.maxRowsPerFile) throw new AppError('file-too-large', `文件“${file}”超过 ${LIMITS.maxRowsPerFile} 行，已拒绝`);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function unwrap(cell: string): RawCell {
  const m = /^="(.*)"$/.exec(cell);
  const v = m ? m[1]! : cell;
  return v === '' ? null : v;
}

export function readCsv(path: string, file: string): SheetSource {
  const { text } = decodeCsv(readFileSync(path));
  const rows = parseCsv(text, file, detectDelimiter(text));
  const name = file.replace(/\.[^.]+$/, '');
  return {
    name,
    hidden: false,
    info: { dimensionRows: rows.length, bytesRead: 0, bytesTotal: 0 },
    async *rows() {
      const batchSize = TUNING.sourceBatchRows;
      for (let i = 0; i < rows.length; i += batchSize) {
        yield rows.slice(i, i + batchSize).map((r, k): SheetRow => ({ n: i + k + 1, cells: r.slice(0, LIMITS.maxColumns).map(unwrap) }));
      }
    },
  };
}
