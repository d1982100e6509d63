/**
 * Opens an import file of any supported kind behind one interface (sheets → batches of rows), after
 * the pre-checks: size, magic bytes (a legacy .xls or an encrypted workbook is an OLE file, an
 * "xls" exported as HTML is text), and for .xlsx the ZIP directory. Every refusal is an AppError
 * whose Chinese message names the file and says what to do.
 */
import { createReadStream, openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { decodeHtml, readCsv } from './csv.ts';
import { ENCRYPTED, readSheetjs, type SheetjsKind } from './sheetjs.ts';
import { checkOdsDeclared, checkXlsbDeclared } from './declared-size.ts';
import { LIMITS } from '../limits.ts';
import { readMerges } from '../xlsx/merges.ts';
import { streamSheetRows, type CellContext, type RowStreamInfo, type SheetRow } from '../xlsx/sheet-stream.ts';
import { readDateStyles, readSharedStrings, readWorkbookInfo } from '../xlsx/workbook.ts';
import { openZip, type ZipArchive } from '../xlsx/zip.ts';

export interface SheetSource {
  name: string;
  hidden: boolean;
  info: RowStreamInfo;
  /** Merges are resolved before the rows; callers may call rows() more than once. */
  rows(): AsyncGenerator<SheetRow[]>;
}

export interface OpenedFile {
  kind: 'xlsx' | 'csv' | SheetjsKind;
  sheets: SheetSource[];
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(c as Buffer);
  return h.digest('hex');
}

function head(path: string, len: number): Buffer {
  return readRange(path, 0, len);
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

function readRange(path: string, pos: number, len: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(len);
    return buf.subarray(0, readSync(fd, buf, 0, len, pos));
  } finally {
    closeSync(fd);
  }
}

const OLE_NAMES = ['EncryptionInfo', 'EncryptedPackage', 'Workbook', 'Book', 'WordDocument', 'PowerPoint'].map(utf16);

/**
 * Bytes that hold the compound file's directory (its stream names). Excel and WPS write it near the
 * start, LibreOffice after the data, so: the first MB, else the directory's first sector (its
 * place is in the header), else — for a file this path would read anyway — the whole file.
 */
function oleDirectory(path: string, size: number): Buffer {
  const start = head(path, 1 << 20);
  if (OLE_NAMES.some((n) => start.includes(n)) || start.length < 512) return start;
  const shift = start.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return start;
  const sector = 1 << shift;
  const dir = readRange(path, (start.readUInt32LE(0x30) + 1) * sector, sector);
  if (OLE_NAMES.some((n) => dir.includes(n))) return dir;
  return size <= LIMITS.maxSheetjsBytes ? readFileSync(path) : start;
}

/** An OLE (compound) file: an encrypted OOXML package, a BIFF workbook (.xls/.et), or something else. */
function openOle(path: string, file: string, size: number): OpenedFile {
  const start = oleDirectory(path, size);
  if (start.includes(utf16('EncryptionInfo')) || start.includes(utf16('EncryptedPackage'))) throw new AppError('file-type', `“${file}”：${ENCRYPTED}`);
  if (start.includes(utf16('Workbook')) || start.includes(utf16('Book'))) return { kind: 'xls', sheets: readSheetjs(path, file, 'xls', size) };
  const what = start.includes(utf16('WordDocument')) ? 'Word 文档（.doc）' : start.includes(utf16('PowerPoint')) ? 'PowerPoint 演示文稿' : 'Office 复合文档，但其中没有工作簿';
  throw new AppError('file-type', `文件“${file}”是${what}，不是表格。请导入 .xlsx、.xls、.et、.ods、.csv 或 .txt 表格文件`);
}

/** Non-ZIP, non-OLE content: XML Spreadsheet 2003, HTML, PDF, or delimited text. */
function openText(path: string, file: string, size: number, start: Buffer): OpenedFile {
  if (start.subarray(0, 4).toString('latin1') === '%PDF') throw new AppError('file-type', `文件“${file}”是 PDF 文件，不是表格。请导入 .xlsx、.xls 或 .csv 文件`);
  const lead = start.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (lead.startsWith('<?xml') || lead.startsWith('<workbook')) {
    if (lead.includes('urn:schemas-microsoft-com:office:spreadsheet') || head(path, 8192).includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return { kind: 'xml2003', sheets: readSheetjs(path, file, 'xml2003', size) };
    }
  }
  if (lead.startsWith('<html') || lead.startsWith('<!doctype') || lead.startsWith('<table') || lead.startsWith('<meta') || (lead.startsWith('<') && lead.includes('<table'))) {
    // Web systems save their result tables as HTML named .xls; the first table is the list.
    return { kind: 'html', sheets: readSheetjs(path, file, 'html', size, decodeHtml(readFileSync(path))) };
  }
  const utf16 = (start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff);
  // Control bytes (other than tab, CR, LF, FF, ESC) never occur in text: a picture, an archive, noise.
  if (!utf16 && start.some((b) => b < 9 || (b > 13 && b < 32 && b !== 27))) {
    throw new AppError('file-type', `文件“${file}”不是可识别的表格文件（不是 Excel、WPS、LibreOffice 工作簿，也不是文本表格）。请用 Excel/WPS 另存为 .xlsx 后重试`);
  }
  // Plain text without a separator under a workbook's name is a mistake, not a one-column table.
  if (!utf16 && !/\.(csv|txt|tsv|xls|et)$/i.test(file) && !/[\t,;]/.test(start.toString('latin1'))) {
    throw new AppError('file-type', `文件“${file}”是纯文本，不是 Excel 工作簿。请用 Excel/WPS 另存为 .xlsx 后重试`);
  }
  return { kind: 'csv', sheets: [readCsv(path, file)] };
}

/** A ZIP package: .xlsx/.xlsm (our own reader), .xlsb or .ods (SheetJS), or a non-spreadsheet package. */
async function openPackage(path: string, file: string, size: number): Promise<OpenedFile> {
  const zip = openZip(path, file);
  const names = new Set([...zip.entries.keys()].map((n) => n.toLowerCase()));
  if (names.has('xl/workbook.xml')) return openXlsx(zip, file);
  // What each sheet declares is checked before SheetJS expands it (declared-size.ts); a file over
  // this path's size limit is refused by readSheetjs without being inflated at all.
  const within = size <= LIMITS.maxSheetjsBytes;
  if (names.has('xl/workbook.bin')) {
    if (within) await checkXlsbDeclared(zip, file);
    return { kind: 'xlsb', sheets: readSheetjs(path, file, 'xlsb', size) };
  }
  if (names.has('content.xml') && (names.has('mimetype') || names.has('meta-inf/manifest.xml'))) {
    if (within) await checkOdsDeclared(zip, file);
    return { kind: 'ods', sheets: readSheetjs(path, file, 'ods', size) };
  }
  const what = names.has('word/document.xml') ? 'Word 文档（.docx）' : names.has('ppt/presentation.xml') ? 'PowerPoint 演示文稿（.pptx）' : 'ZIP 压缩包，不是工作簿';
  throw new AppError('file-type', `文件“${file}”是${what}，不是表格。请导入 .xlsx、.xls、.et、.ods、.csv 或 .txt 表格文件`);
}

export async function openSource(path: string): Promise<OpenedFile> {
  const file = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('file-unreadable', `无法打开文件“${file}”：文件不存在或没有读取权限`);
  }
  if (size === 0) throw new AppError('file-unreadable', `文件“${file}”是空文件（0 字节）`);
  if (size > LIMITS.maxFileBytes) throw new AppError('file-too-large', `文件“${file}”有 ${Math.round(size / 1048576)} MB，超过上限 ${LIMITS.maxFileBytes / 1048576} MB`);
  // The content decides, never the extension: townships rename files freely (.xls that is HTML, .xlsx that is .xls).
  const start = head(path, 512);
  if (start.length >= 8 && start.subarray(0, 8).equals(OLE)) return openOle(path, file, size);
  const isZip = start.length >= 4 && start[0] === 0x50 && start[1] === 0x4b && (start[2] === 3 || start[2] === 5);
  if (isZip) return openPackage(path, file, size);
  return openText(path, file, size, start);
}

async function openXlsx(zip: ZipArchive, file: string): Promise<OpenedFile> {
  const wb = await readWorkbookInfo(zip, file);
  if (wb.sheets.length === 0) throw new AppError('file-unreadable', `文件“${file}”中没有工作表`);
  // The first sheet's merge pass starts now: its inflating runs on libuv's threads while this thread
  // decodes the shared strings, instead of after them (~0.7 s sooner to the first row at city scale).
  const early = new Map<string, Promise<Int32Array>>();
  const first = wb.sheets[0]!;
  early.set(first.path, readMerges(zip, zip.entries.get(first.path)!, file));
  // Awaited by rows(); a sheet whose rows are never read must not leave an unhandled rejection.
  early.get(first.path)!.catch(() => undefined);
  const ctx: CellContext = {
    sst: await readSharedStrings(zip, wb.sharedStringsPath, file),
    dateStyles: await readDateStyles(zip, wb.stylesPath, file),
    date1904: wb.date1904,
  };
  return {
    kind: 'xlsx',
    sheets: wb.sheets.map((s) => {
      const entry = zip.entries.get(s.path)!;
      let merges: Int32Array | null = null;
      const info: RowStreamInfo = { dimensionRows: null, bytesRead: 0, bytesTotal: entry.uncompressedSize };
      return {
        name: s.name,
        hidden: s.hidden,
        info,
        async *rows() {
          merges ??= await (early.get(s.path) ?? readMerges(zip, entry, file));
          yield* streamSheetRows(zip, entry, file, ctx, merges, info);
        },
      };
    }),
  };
}
