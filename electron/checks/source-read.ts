/**
 * Reads a department list of any layout: the header row is the first of the top 30 rows naming an
 * ID column (身份证/证件号码) and a name column; an amount column (自付/金额/费用) is kept as fen for the
 * medical rule; every other column is kept as text. IDs are normalised (full width, spaces, x, 15→18);
 * an ID that is still not valid is kept with its raw text and counted, never matched.
 */
import ExcelJS from 'exceljs';
import { validateIdNumber } from '../../shared/domain/id-number.ts';
import { AppError } from '../../shared/errors.ts';

export interface SourceRow { row: number; idRaw: string; id: string | null; name: string | null; amountFen: number | null; extra: Record<string, string> }
export interface SourceRead { sheet: string; headerRow: number; columns: string[]; rows: SourceRow[]; invalidIds: Array<{ row: number; message: string }> }

const ID_HEAD = /身份证|证件号/;
const NAME_HEAD = /姓名|名字|户主|车主|法人|死者|人员/;
const AMOUNT_HEAD = /自付|金额|费用/;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function findHeader(ws: ExcelJS.Worksheet): { row: number; heads: string[]; id: number; name: number; amount: number } | null {
  for (let r = 1; r <= Math.min(30, ws.rowCount); r++) {
    const heads: string[] = [];
    ws.getRow(r).eachCell({ includeEmpty: true }, (c, col) => { heads[col] = cellText(c.value); });
    const id = heads.findIndex((h) => h !== undefined && ID_HEAD.test(h));
    const name = heads.findIndex((h, i) => h !== undefined && i !== id && NAME_HEAD.test(h));
    if (id > 0 && name > 0) return { row: r, heads, id, name, amount: heads.findIndex((h) => h !== undefined && AMOUNT_HEAD.test(h)) };
  }
  return null;
}

function parseAmount(text: string, file: string, row: number, head: string): number | null {
  if (text === '') return null;
  const t = text.replace(/[,，\s元]/g, '');
  // 1.2万 is 12000, not 1.2: the unit is read, never dropped.
  const m = /^(-?\d+(?:\.\d+)?)(万)?$/.exec(t);
  if (!m) throw new AppError('validation', `${file} 第 ${row} 行“${head}”列不是金额：${text}`);
  return Math.round(Number(m[1]) * (m[2] ? 10000 : 1) * 100);
}

function readIdCell(v: ExcelJS.CellValue): { raw: string; id: string | null; problem: string | null } {
  if (typeof v === 'number') return { raw: String(v), id: null, problem: '证件号码存为数字，已丢失末尾位数' };
  const raw = cellText(v);
  const val = validateIdNumber(raw);
  return val.ok ? { raw, id: val.id, problem: null } : { raw, id: null, problem: val.message };
}

export async function readSource(path: string, file: string): Promise<SourceRead> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.readFile(path); } catch { throw new AppError('file-unreadable', `无法读取文件 ${file}：不是有效的 .xlsx 工作簿`); }
  for (const ws of wb.worksheets) {
    const h = findHeader(ws);
    if (!h) continue;
    const out: SourceRead = { sheet: ws.name, headerRow: h.row, columns: h.heads.filter((x) => x !== undefined), rows: [], invalidIds: [] };
    for (let r = h.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const idCell = row.getCell(h.id).value;
      const name = cellText(row.getCell(h.name).value);
      if (cellText(idCell) === '' && name === '') continue;
      const id = readIdCell(idCell);
      if (id.problem) out.invalidIds.push({ row: r, message: `${file} 第 ${r} 行“${h.heads[h.id] ?? ''}”列：${id.problem}` });
      const extra: Record<string, string> = {};
      h.heads.forEach((head, col) => { if (col !== h.id && col !== h.name && head) extra[head] = cellText(row.getCell(col).value); });
      const amountFen = h.amount > 0 ? parseAmount(cellText(row.getCell(h.amount).value), file, r, h.heads[h.amount] ?? '') : null;
      out.rows.push({ row: r, idRaw: id.raw, id: id.id, name: name || null, amountFen, extra });
    }
    return out;
  }
  throw new AppError('no-header', `${file} 中没有找到含“身份证号码”和“姓名”列的表头`);
}
