/**
 * Workbook-level parts of an .xlsx: the sheet list (workbook.xml + its relationships), the shared
 * strings and the date formats (styles.xml).
 *
 * Why our own reader instead of exceljs's WorkbookReader (4.4.0): it decodes UTF-8 chunk by chunk
 * and turns a Chinese character split across two chunks into U+FFFD (中大村 → 中��村); it spools the
 * sheet XML to a temp file that leaks when a worker stops early; it ignores merged ranges; returns
 * rich text as objects; and misses Chinese date formats. Here every part is decoded with a
 * StringDecoder (which carries split characters over) or entry by entry from bytes, merges are read first, and styles decide dates.
 */
import { AppError } from '../../../shared/errors.ts';
import { LIMITS } from '../limits.ts';
import { attr, decodeXml, richText, rootPrefix, startTags } from './xml.ts';
import { PackedStrings, type SharedStrings } from './packed-strings.ts';
import { readEntryText, streamEntry, type ZipArchive, type ZipEntry } from './zip.ts';

export interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function entry(zip: ZipArchive, path: string): ZipEntry | undefined {
  return zip.entries.get(path) ?? [...zip.entries.values()].find((e) => e.name.toLowerCase() === path.toLowerCase());
}

export async function readWorkbookInfo(zip: ZipArchive, file: string): Promise<WorkbookInfo> {
  const wbEntry = entry(zip, 'xl/workbook.xml');
  if (!wbEntry) throw new AppError('file-type', `文件“${file}”不是 Excel 工作簿（缺少 workbook.xml），请用 Excel/WPS 另存为 .xlsx 后重试`);
  if (wbEntry.uncompressedSize > 20 * 1024 * 1024) throw new AppError('file-too-large', `文件“${file}”的工作簿目录过大，已拒绝`);
  const wb = await readEntryText(zip, wbEntry, file);
  const relsEntry = entry(zip, 'xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? await readEntryText(zip, relsEntry, file) : '';
  const targets = new Map<string, { type: string; target: string }>();
  for (const tag of startTags(rels, 'Relationship')) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, { type: attr(tag, 'Type') ?? '', target: resolveTarget('xl/workbook.xml', target) });
  }
  const sheets: SheetRef[] = [];
  for (const tag of startTags(wb, 'sheet')) {
    const rel = targets.get(attr(tag, 'id') ?? '');
    if (!rel || !/\/worksheet$/.test(rel.type) || !entry(zip, rel.target)) continue;
    sheets.push({ name: attr(tag, 'name') ?? `Sheet${sheets.length + 1}`, path: entry(zip, rel.target)!.name, hidden: (attr(tag, 'state') ?? 'visible') !== 'visible' });
  }
  const byType = (suffix: string): string | null => {
    const t = [...targets.values()].find((r) => r.type.endsWith(suffix));
    const path = t?.target ?? `xl/${suffix.slice(1)}.xml`;
    return entry(zip, path)?.name ?? null;
  };
  const pr = startTags(wb, 'workbookPr')[0] ?? '';
  const d1904 = attr(pr, 'date1904');
  return { sheets, date1904: d1904 === '1' || d1904 === 'true', sharedStringsPath: byType('/sharedStrings'), stylesPath: byType('/styles') };
}

/**
 * Streams the shared-strings part: each complete `<si>` is decoded as soon as it has arrived. The
 * part is scanned as bytes and each entry decoded on its own (UTF-8 never splits a character at an
 * ASCII '<'), so a string kept for the whole import holds only its own text — a slice of one big
 * decoded chunk would keep that whole chunk alive with it (~2× the part's size for a city file).
 */
export async function readSharedStrings(zip: ZipArchive, path: string | null, file: string): Promise<SharedStrings> {
  const out = new PackedStrings();
  const e = path ? entry(zip, path) : undefined;
  if (!e) return out;
  if (e.uncompressedSize > LIMITS.maxSharedStringsBytes) {
    throw new AppError('file-too-large', `文件“${file}”的共享字符串部件有 ${Math.round(e.uncompressedSize / 1048576)} MB，超过上限，已拒绝`);
  }
  let buf: Buffer = Buffer.alloc(0);
  let tags: SiTags | null = null;
  for await (const chunk of streamEntry(zip, e, file)) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    tags ??= siTags(rootPrefix(buf.toString('latin1', 0, Math.min(buf.length, 4096))));
    let pos = 0;
    for (;;) {
      const i = buf.indexOf(tags.open, pos);
      if (i < 0) break;
      const gt = buf.indexOf(62, i);
      if (gt < 0) break;
      const after = buf[i + tags.open.length];
      if (after !== 32 && after !== 62 && after !== 47) {
        pos = gt + 1;
        continue;
      }
      if (buf[gt - 1] === 47) {
        out.pushString('');
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(tags.close, gt);
      if (end < 0) break;
      addEntry(out, buf, gt + 1, end, tags);
      pos = end + tags.close.length;
    }
    buf = buf.subarray(pos);
    // Keep the unfinished tail only, copied, so the chunk it came from can go.
    if (buf.length) buf = Buffer.from(buf);
  }
  return out.compact();
}

interface SiTags {
  prefix: string;
  open: Buffer;
  close: Buffer;
  /** `<t>` and `</t>` with the part's namespace prefix: the plain form of an entry. */
  t: Buffer;
  tEnd: Buffer;
}

function siTags(p: string): SiTags {
  return { prefix: p, open: Buffer.from(`<${p}si`), close: Buffer.from(`</${p}si>`), t: Buffer.from(`<${p}t>`), tEnd: Buffer.from(`</${p}t>`) };
}

/**
 * One `<si>` body, buf[from, to). The plain form — one `<t>` whose text has no markup, entity or
 * `_xHHHH_` escape (nearly every entry: names, ID numbers) — is stored as its bytes as they are;
 * anything else goes through richText.
 */
/** No '<', no '&' and no "_x" in buf[from, to): the bytes are the text. (A loop: the entries are short.) */
function plainText(buf: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = buf[k]!;
    if (c === 60 || c === 38 || (c === 95 && buf[k + 1] === 120)) return false;
  }
  return true;
}

function addEntry(out: PackedStrings, buf: Buffer, from: number, to: number, tags: SiTags): void {
  const text = from + tags.t.length;
  const textEnd = to - tags.tEnd.length;
  if (textEnd >= text && buf.compare(tags.t, 0, tags.t.length, from, text) === 0 && buf.compare(tags.tEnd, 0, tags.tEnd.length, textEnd, to) === 0) {
    if (plainText(buf, text, textEnd)) {
      out.pushBytes(buf, text, textEnd);
      return;
    }
  }
  out.pushString(richText(buf.toString('utf8', from, to), tags.prefix));
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A number format shows a date when, outside quoted text and [colour] codes, it has y, m, d (or h, s). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/General/gi, '');
  return /[yd]/i.test(bare) || (/m/i.test(bare) && /[hs]/i.test(bare)) || /^m+$/i.test(bare.trim());
}

/** For each cell style index: does it format numbers as dates? */
export async function readDateStyles(zip: ZipArchive, path: string | null, file: string): Promise<boolean[]> {
  const e = path ? entry(zip, path) : undefined;
  if (!e || e.uncompressedSize > 50 * 1024 * 1024) return [];
  const xml = await readEntryText(zip, e, file);
  const custom = new Map<number, string>();
  for (const tag of startTags(xml, 'numFmt')) custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return startTags(xfs, 'xf').map((tag) => {
    const id = Number(attr(tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(decodeXml(code)) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** Serial day → "YYYY-MM-DD" (1900 system with Lotus's phantom 29 Feb 1900, or the 1904 system). */
export function serialToDate(serial: number, date1904: boolean): string {
  const days = Math.floor(serial);
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && days < 60 ? days + 1 : days;
  return new Date(base + adjusted * 86_400_000).toISOString().slice(0, 10);
}
