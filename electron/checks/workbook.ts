/**
 * The loop with a township: one workbook of its findings grouped by rule (IDs masked) with two
 * columns for the answer, and the reading of an answered workbook. An answer that cannot be read
 * refuses the whole file (file, row, column named) so no half of it is applied.
 */
import ExcelJS from 'exceljs';
import { FINDING_STATE_LABELS, RULE_BY_CODE, type FindingState } from '../../shared/checks/catalogue.ts';
import { AppError } from '../../shared/errors.ts';
import type { FindingRow } from './findings.ts';

const HEADS = ['问题编号', '规则代码', '规则名称', '户编号', '成员', '证件号码', '问题说明', '当前状态', '乡镇答复', '答复说明'];
const ANSWERS: Record<string, FindingState> = { 已整改: 'fixed', 豁免: 'exempt', 误报: 'false_positive' };

export async function writeTownshipWorkbook(out: string, townshipName: string, findings: readonly FindingRow[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('核查问题');
  ws.addRow([`${townshipName} 数据核查问题清单（乡镇答复列填写：已整改 / 豁免 / 误报；豁免须写明理由）`]);
  ws.addRow(HEADS).font = { bold: true };
  const sorted = [...findings].sort((a, b) => a.rule.localeCompare(b.rule) || String(a.householdCode).localeCompare(String(b.householdCode)));
  for (const f of sorted) {
    ws.addRow([f.id, f.rule, RULE_BY_CODE.get(f.rule)?.name ?? '', f.householdCode ?? '', f.memberName ?? '', f.memberId ?? '', f.message, FINDING_STATE_LABELS[f.state], '', '']);
  }
  ws.columns.forEach((c, i) => { c.width = [10, 8, 24, 20, 10, 22, 50, 10, 12, 30][i] ?? 12; });
  await wb.xlsx.writeFile(out);
}

export interface Answer { id: number; state: FindingState; reason: string | null }

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  return String(v).trim();
}

export async function readAnswers(path: string, file: string): Promise<Answer[]> {
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.readFile(path); } catch { throw new AppError('file-unreadable', `无法读取文件 ${file}`); }
  const ws = wb.worksheets[0];
  let head = 0;
  for (let r = 1; ws && r <= Math.min(10, ws.rowCount); r++) if (text(ws.getRow(r).getCell(1).value) === '问题编号') { head = r; break; }
  if (!ws || head === 0) throw new AppError('no-header', `${file} 不是核查问题清单：没有找到“问题编号”表头`);
  const col = (name: string): number => HEADS.indexOf(name) + 1;
  const out: Answer[] = [];
  const problems: string[] = [];
  for (let r = head + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const answer = text(row.getCell(col('乡镇答复')).value);
    if (answer === '') continue;
    const id = Number(text(row.getCell(col('问题编号')).value));
    const state = ANSWERS[answer];
    const reason = text(row.getCell(col('答复说明')).value) || null;
    if (!Number.isInteger(id) || id <= 0) problems.push(`${file} 第 ${r} 行“问题编号”列无效`);
    else if (!state) problems.push(`${file} 第 ${r} 行“乡镇答复”列应为 已整改、豁免 或 误报，收到：${answer}`);
    else if (state === 'exempt' && !reason) problems.push(`${file} 第 ${r} 行“答复说明”列：豁免须写明理由`);
    else out.push({ id, state, reason });
  }
  if (problems.length) throw new AppError('validation', `答复清单有 ${problems.length} 处问题，未导入任何答复：\n${problems.slice(0, 20).join('\n')}`, { problems });
  return out;
}
