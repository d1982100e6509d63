/**
 * Wide household lists as departments send them — one row per household, the people side by side in
 * column groups — written with exceljs from the same households as the member-level fixture, so the
 * two can be compared figure for figure.
 */
import ExcelJS from 'exceljs';
import { net, type FxHousehold } from '../import/fixtures.ts';

const HOUSEHOLD = ['序号', '行政村', '户编号', '家庭人口数'];
const INCOME = ['工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入', '家庭纯收入', '人均纯收入'];
const MEMBER = ['姓名', '身份证号码', '与户主关系', '劳动技能', '务工区域'];

export interface WideOptions {
  /** Groups on the sheet (at least the largest household). */
  groups: number;
  /** 'numbered': one header row of 成员1姓名 …; 'kin': 户主/配偶/子女N group cells merged over 姓名 … */
  style: 'numbered' | 'kin';
  /** Cells to overwrite after writing, by household index, group (0-based) and member column name. */
  edit?: (h: number, group: number, column: string) => string | undefined;
}

export const kinLabel = (k: number): string => (k === 0 ? '户主' : k === 1 ? '配偶' : `子女${k - 1}`);

function householdCells(h: FxHousehold, serial: number): (string | number)[] {
  const n = net(h);
  return [serial, h.village, h.code, h.size, ...h.income, n, Math.round((n / Number(h.size)) * 100) / 100];
}

/** The member columns of one group: the kin style leaves 与户主关系 to the group's name. */
function memberColumns(style: WideOptions['style']): string[] {
  return style === 'kin' ? MEMBER.filter((c) => c !== '与户主关系') : MEMBER;
}

function groupCells(h: FxHousehold, hi: number, k: number, o: WideOptions): string[] {
  const m = h.members[k];
  const values: Record<string, string> = m ? { 姓名: m.name, 身份证号码: String(m.id), 与户主关系: m.relation, 劳动技能: m.labour ?? '', 务工区域: m.work ?? '' } : {};
  return memberColumns(o.style).map((c) => o.edit?.(hi, k, c) ?? values[c] ?? '');
}

/** Writes the wide list; returns the sheet's first data row. */
export async function writeWideWorkbook(path: string, households: FxHousehold[], o: WideOptions): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  const cols = memberColumns(o.style);
  const fixed = [...HOUSEHOLD, ...INCOME, '是否易地搬迁户'];
  const width = fixed.length + o.groups * cols.length;
  ws.addRow(['会宁县郭城驿镇2024年度脱贫户家庭成员名单（一户一行）']);
  ws.mergeCells(1, 1, 1, width);
  if (o.style === 'numbered') {
    const groups = Array.from({ length: o.groups }, (_, k) => cols.map((c) => `成员${k + 1}${c}`)).flat();
    ws.addRow([...fixed, ...groups]).font = { bold: true };
  } else {
    const top = Array.from({ length: o.groups }, (_, k) => [kinLabel(k), ...Array(cols.length - 1).fill('')]).flat();
    ws.addRow([...fixed, ...top]).font = { bold: true };
    ws.addRow([...Array(fixed.length).fill(''), ...Array(o.groups).fill(cols).flat()]);
    for (let c = 1; c <= fixed.length; c++) ws.mergeCells(2, c, 3, c);
    for (let k = 0; k < o.groups; k++) ws.mergeCells(2, fixed.length + 1 + k * cols.length, 2, fixed.length + (k + 1) * cols.length);
  }
  const first = ws.rowCount + 1;
  households.forEach((h, hi) => {
    const groups = Array.from({ length: o.groups }, (_, k) => groupCells(h, hi, k, o)).flat();
    const row = ws.addRow([...householdCells(h, hi + 1), h.relocated ? '是' : '否', ...groups]);
    for (let k = 0; k < o.groups; k++) row.getCell(fixed.length + 2 + k * cols.length).numFmt = '@';
  });
  ws.addRow(['合计', '', '', households.reduce((a, h) => a + Number(h.size), 0)]);
  ws.addRow(['单位负责人：王某', '', '', '审核人：李某', '', '填表人：赵某']);
  await wb.xlsx.writeFile(path);
  return first;
}
