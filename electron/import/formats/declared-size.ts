/**
 * What a workbook says about its own size, checked before SheetJS parses it. SheetJS builds the
 * whole sheet in memory and believes the file: an .ods row with `table:number-rows-repeated=
 * "1048576"` around one filled cell becomes a million row objects (and `number-columns-repeated`
 * multiplies that again) long before our row limit could look at the result. So each kind is read
 * here first, cheaply — the .ods content streamed and counted tag by tag, the .xls DIMENSIONS
 * records, the .xlsb BrtWsDim records, the XML 2003 ExpandedRowCount — and a sheet that declares
 * more than this path can hold is refused with a message, the database untouched.
 *
 * Written by hand: no library reports these figures without doing the very expansion we avoid.
 */
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../../shared/errors.ts';
import { LIMITS } from '../limits.ts';
import { streamEntry, type ZipArchive } from '../xlsx/zip.ts';

const TOO_BIG = '此格式需整表读入内存';

function refuse(file: string, sheet: string, what: string): AppError {
  return new AppError('file-too-large', `文件“${file}”的工作表“${sheet}”${what}，${TOO_BIG}，已拒绝（文件可能被恶意构造或已损坏）。请用 Excel/WPS 打开，删除多余的空行空列后另存为 .xlsx 再导入`);
}

/** Rows and columns a sheet declares; throws when either is past what this path reads. */
function checkDims(file: string, sheet: string, rows: number, cols: number): void {
  if (rows > LIMITS.maxSheetjsRows) throw refuse(file, sheet, `声明有 ${rows} 行（上限 ${LIMITS.maxSheetjsRows} 行）`);
  if (cols > LIMITS.maxSheetjsColumns) throw refuse(file, sheet, `声明有 ${cols} 列（上限 ${LIMITS.maxSheetjsColumns} 列）`);
}

/** Counts an .ods content.xml as SheetJS would expand it: only cells with content are materialised. */
class OdsCounter {
  private sheet = '';
  private row = 0;
  private rowRepeat = 1;
  private col = 0;
  private cells = 0;
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  tag(close: boolean, name: string, attrs: string, selfClosing: boolean): void {
    if (name === 'table') {
      if (close) return;
      // The text was decoded as latin1 (see checkOdsDeclared): the name's bytes are UTF-8.
      this.sheet = Buffer.from(/table:name="([^"]*)"/.exec(attrs)?.[1] ?? '', 'latin1').toString('utf8');
      this.row = 0;
    } else if (name === 'table-row') {
      if (close || selfClosing) return this.endRow(selfClosing ? repeat(attrs, 'rows') : this.rowRepeat);
      this.rowRepeat = repeat(attrs, 'rows');
      this.col = 0;
    } else if (!close) this.cell(attrs, selfClosing);
  }

  private cell(attrs: string, selfClosing: boolean): void {
    const span = repeat(attrs, 'columns');
    // A cell with a value type or content is built once per repeat; an empty one only moves on.
    if (!selfClosing || /office:value-type=|table:formula=/.test(attrs)) {
      checkDims(this.file, this.sheet, this.row + this.rowRepeat, this.col + span);
      this.cells += this.rowRepeat * span;
      if (this.cells > LIMITS.maxSheetjsCells) throw refuse(this.file, this.sheet, `展开后有超过 ${LIMITS.maxSheetjsCells} 个非空单元格`);
    }
    this.col += span;
  }

  private endRow(n: number): void {
    this.row += n;
    this.rowRepeat = 1;
  }
}

function repeat(attrs: string, what: 'rows' | 'columns'): number {
  const m = new RegExp(`table:number-${what}-repeated="(\\d+)"`).exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
}

const ODS_TAG = /<(\/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>/g;

export async function checkOdsDeclared(zip: ZipArchive, file: string): Promise<void> {
  const entry = zip.entries.get('content.xml');
  if (!entry) return;
  const counter = new OdsCounter(file);
  let carry = '';
  for await (const chunk of streamEntry(zip, entry, file)) {
    // Attributes are ASCII: latin1 keeps every byte and never splits a character across chunks.
    const text = carry + chunk.toString('latin1');
    const cut = text.lastIndexOf('<');
    const whole = cut >= 0 && text.indexOf('>', cut) < 0 ? text.slice(0, cut) : text;
    carry = text.slice(whole.length);
    for (const m of whole.matchAll(ODS_TAG)) counter.tag(m[1] === '/', m[2]!, m[3]!, m[3]!.endsWith('/'));
  }
}

/** BIFF: each sheet's DIMENSIONS record (rwMac, colMac), up to a FILEPASS (then the bodies are encrypted). */
export function checkBiffDeclared(bytes: Buffer, file: string): void {
  let stream: Buffer;
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    const e = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book');
    if (!e?.content) return;
    stream = Buffer.from(e.content as Uint8Array);
  } catch {
    return; // A broken container is SheetJS's to report, with the damaged-file message.
  }
  let biff8 = true;
  const names: string[] = [];
  let sheet = 0;
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(p);
    const len = stream.readUInt16LE(p + 2);
    const body = p + 4;
    if (type === 0x002f) return;
    if (type === 0x0809 && len >= 2) biff8 = stream.readUInt16LE(body) === 0x0600;
    if (type === 0x0085 && body + len <= stream.length) names.push(sheetName(stream.subarray(body, body + len), biff8));
    if (type === 0x0200 && body + len <= stream.length) {
      const rows = biff8 && len >= 14 ? stream.readUInt32LE(body + 4) : len >= 10 ? stream.readUInt16LE(body + 2) : 0;
      const cols = biff8 && len >= 14 ? stream.readUInt16LE(body + 10) : len >= 10 ? stream.readUInt16LE(body + 6) : 0;
      checkDims(file, names[sheet] ?? `第 ${sheet + 1} 张`, rows, cols);
      sheet++;
    }
    p = body + len;
  }
}

/** BOUNDSHEET: lbPlyPos(4) hsState(1) dt(1), then the name (BIFF8: cch, fHighByte, chars). */
function sheetName(b: Buffer, biff8: boolean): string {
  const cch = b[6] ?? 0;
  if (!biff8) return b.toString('latin1', 7, 7 + cch);
  return (b[7] ?? 0) & 1 ? b.toString('utf16le', 8, 8 + cch * 2) : b.toString('latin1', 8, 8 + cch);
}

/** One XLSB record header: a 1–2 byte type and a 1–4 byte size, 7 bits each. */
function varint(b: Buffer, p: number, max: number): [number, number] | null {
  let v = 0;
  for (let i = 0; i < max; i++) {
    if (p + i >= b.length) return null;
    v |= (b[p + i]! & 0x7f) << (7 * i);
    if (!(b[p + i]! & 0x80)) return [v, p + i + 1];
  }
  return [v, p + max];
}

const BRT_WS_DIM = 0x94;
const BRT_BEGIN_SHEET_DATA = 0x91;

/** XLSB: BrtWsDim (rwFirst, rwLast, colFirst, colLast) of every worksheet part, before its cells. */
export async function checkXlsbDeclared(zip: ZipArchive, file: string): Promise<void> {
  for (const [name, entry] of zip.entries) {
    if (!/^xl\/worksheets\/[^/]+\.bin$/i.test(name)) continue;
    let head = Buffer.alloc(0);
    for await (const chunk of streamEntry(zip, entry, file)) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 1 << 16) break;
    }
    for (let p = 0; p < head.length; ) {
      const t = varint(head, p, 2);
      const s = t && varint(head, t[1], 4);
      if (!t || !s) break;
      if (t[0] === BRT_BEGIN_SHEET_DATA) break;
      if (t[0] === BRT_WS_DIM && s[1] + 16 <= head.length) {
        const sheet = name.replace(/^.*\/|\.bin$/gi, '');
        checkDims(file, sheet, head.readUInt32LE(s[1] + 4) + 1, head.readUInt32LE(s[1] + 12) + 1);
        break;
      }
      p = s[1] + s[0];
    }
  }
}

/** XML Spreadsheet 2003: each Table's ss:ExpandedRowCount / ss:ExpandedColumnCount. */
export function checkXml2003Declared(text: string, file: string): void {
  let sheet = '';
  for (const m of text.matchAll(/<(?:ss:)?(Worksheet|Table)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (m[1] === 'Worksheet') sheet = /Name="([^"]*)"/.exec(attrs)?.[1] ?? sheet;
    else checkDims(file, sheet, Number(/ExpandedRowCount="(\d+)"/.exec(attrs)?.[1] ?? 0), Number(/ExpandedColumnCount="(\d+)"/.exec(attrs)?.[1] ?? 0));
  }
}
