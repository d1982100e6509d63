/**
 * The big member sheet's fast path: data rows written as sheet XML straight into the worksheet's zip
 * entry, bypassing exceljs's per-cell objects (a Row, 44 Cells, their models and an XmlStream per
 * row cost ~80 % of a 37万-row export). The XML is exactly what exceljs writes for the same row
 * through FormSheet.addRow — same style ids, `t="str"` strings, the same escaping and the same
 * sparse rule — which tests/integration/export/direct-rows.test.ts checks byte for byte. exceljs
 * still writes everything around the rows (title, header, total, footer, merges, page setup,
 * styles.xml and the zip), so the workbook is the one it would have written.
 */
import { neutralize } from './layout-header.ts';
import type { CellValue } from './layout.ts';

/** exceljs's utils.xmlEncode: the five XML entities; other C0 controls (but tab, LF, CR) and DEL are dropped. */
const NEEDS_ENCODING = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

export function xmlEncode(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) out += '&quot;';
    else if (c === 38) out += '&amp;';
    else if (c === 39) out += '&apos;';
    else if (c === 60) out += '&lt;';
    else if (c === 62) out += '&gt;';
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) continue;
    else out += text[i];
  }
  return out;
}

/** 1 → A, 27 → AA (the importer has its own; export may not import from import/). */
function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Bytes buffered before they go to the zip entry: few writes, and the drain check sees them soon.
 * Each row is UTF-8 encoded into this buffer as it is made: encoding a 1.5 KB row costs half of
 * flattening and encoding a 128 K-character string of rows (1.6 s of CPU over the city).
 */
const BUFFER_BYTES = 1 << 18;

/** The parts of exceljs's WorksheetWriter this writer relies on (a guarded internal, like FormSheet.drained). */
export interface SheetInternals {
  _rows: unknown[] | null;
  _rowZero: number;
  startedData: boolean;
  stream: { write(chunk: Buffer): unknown };
}

export class DirectRows {
  private readonly ws: SheetInternals;
  private readonly sparse: boolean;
  /** Per column: `<c r="AK`, then after the row number `" s="10"><v>` (numbers) or `… t="str"><v>` (text). */
  private readonly open: string[];
  private readonly num: string[];
  private readonly str: string[];
  private readonly empty: string[];
  private readonly spans: string;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;

  /** `styleIds`: each column's style id in the workbook's styles.xml (0 = none). */
  constructor(ws: SheetInternals, styleIds: readonly number[], sparse: boolean) {
    if (ws._rows === null || ws._rows.length > 0 || !ws.startedData) throw new Error('DirectRows: commit the rows above first');
    this.ws = ws;
    this.sparse = sparse;
    const letters = styleIds.map((_, i) => columnLetters(i + 1));
    const s = styleIds.map((id) => (id ? ` s="${id}"` : ''));
    this.open = letters.map((l) => `<c r="${l}`);
    this.num = s.map((a) => `"${a}><v>`);
    this.str = s.map((a) => `"${a} t="str"><v>`);
    // exceljs writes an empty cell only when it has a style.
    this.empty = s.map((a) => (a ? `"${a}/>` : ''));
    this.spans = ` spans="1:${styleIds.length}" x14ac:dyDescent="0.25">`;
  }

  /** Appends one data row after the last row written (by exceljs or here). */
  add(values: readonly CellValue[]): void {
    const r = this.ws._rowZero;
    let x = `<row r="${r}"${this.spans}`;
    for (let i = 0; i < this.open.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        const e = this.empty[i] as string;
        if (!this.sparse && e) x += `${this.open[i] as string}${r}${e}`;
      } else if (typeof v === 'number') {
        x += `${this.open[i] as string}${r}${this.num[i] as string}${v}</v></c>`;
      } else {
        x += `${this.open[i] as string}${r}${this.str[i] as string}${xmlEncode(neutralize(v))}</v></c>`;
      }
    }
    x += '</row>';
    // exceljs numbers its next row from here (WorksheetWriter._nextRow = _rowZero + pending rows).
    this.ws._rowZero = r + 1;
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.pos + x.length * 3 > this.buf.length) {
      this.flush();
      if (x.length * 3 > this.buf.length) return void this.ws.stream.write(Buffer.from(x, 'utf8'));
    }
    this.pos += this.buf.write(x, this.pos, 'utf8');
  }

  /** Hands the buffered XML to the sheet's zip entry; required before exceljs writes another row. */
  flush(): void {
    if (this.pos === 0) return;
    // A fresh buffer each time: the stream may still hold this one.
    this.ws.stream.write(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.pos = 0;
  }
}
