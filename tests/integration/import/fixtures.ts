/**
 * Township workbooks as they arrive, written with exceljs: title lines, a two-row header with a
 * merged income group, household cells merged down over member rows, amounts as text, a 合计 row, a
 * signature footer and a notes sheet.
 */
import ExcelJS from 'exceljs';
import { checkDigit, makeIdNumber } from '../../../shared/domain/id-number.ts';

export interface FxMember {
  name: string;
  id: string | number;
  relation: string;
  labour?: string;
  work?: string;
}

export interface FxHousehold {
  code: string;
  village: string;
  size: number | string;
  members: FxMember[];
  /** Yuan: wage, business gross, business expense, property, transfer. */
  income: [number, number, number, number, number];
  relocated?: boolean;
  /** Overrides of what is written in the net / per-capita cells. */
  netText?: string;
  perCapitaText?: string;
  /** Write amounts as "12,345.00" text. */
  textAmounts?: boolean;
}

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '建国志强秀英桂兰玉梅春花明亮文华小军海燕丽娟德胜永福';

/** Deterministic households: sizes 1–6, valid unique IDs, incomes in whole yuan with cents. */
export function makeHouseholds(n: number, opts: { village?: (i: number) => string; seed?: number; codePrefix?: string; addressCode?: string } = {}): FxHousehold[] {
  const out: FxHousehold[] = [];
  let seq = opts.seed ?? 0;
  for (let i = 0; i < n; i++) {
    const size = 1 + (i % 6);
    const members: FxMember[] = [];
    for (let k = 0; k < size; k++) {
      seq++;
      const year = k === 0 ? 1960 + (i % 30) : 1985 + ((i + k) % 30);
      const birth = `${year}${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}`;
      const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(seq * 7) % GIVEN.length]! + GIVEN[(seq * 3 + 1) % GIVEN.length]!;
      members.push({ name, id: makeIdNumber(opts.addressCode ?? '620422', birth, seq % 1000), relation: k === 0 ? '户主' : k === 1 ? '配偶' : '之子', labour: k < 2 ? '普通劳动力' : '无劳动力', work: k === 0 ? '省外' : '' });
    }
    out.push({
      code: `${opts.codePrefix ?? '6204221012'}${String(i + 1).padStart(6, '0')}`,
      village: opts.village ? opts.village(i) : ['中大村', '郭城村', '驿马村'][i % 3]!,
      size, members, income: [8000 + i * 10.5, 6000 + (i % 7) * 100, 1500, 200 + (i % 3), 1200.25], relocated: i % 10 === 0,
    });
  }
  return out;
}

export function net(h: FxHousehold): number {
  const [w, bg, be, p, t] = h.income;
  return Math.round((w + bg - be + p + t) * 100) / 100;
}

/** An ID whose check character is X, for the lowercase-x case. */
export function idEndingInX(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `62042219800101${String(seq).padStart(3, '0')}`;
    if (checkDigit(first17) === 'X') return first17 + 'X';
  }
  throw new Error('no X id');
}

const HEAD = ['序号', '行政村', '户编号', '户主姓名', '姓名', '身份证号码', '与户主关系', '家庭人口数'];
const INCOME = ['工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入', '家庭纯收入', '人均纯收入'];
const TAIL = ['劳动技能', '务工区域', '是否易地搬迁户'];

/** NaN writes a blank cell (a figure the township did not report). */
function amount(v: number, text: boolean | undefined): string | number {
  if (Number.isNaN(v)) return '';
  return text ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v;
}

export interface WorkbookOptions {
  title?: string;
  sheetName?: string;
  notesSheet?: boolean;
  totalRow?: boolean;
  footer?: boolean;
  /** Rename headers (as a township would): { '身份证号码': '公民身份号码' }. */
  rename?: Record<string, string>;
  infoRow?: string;
}

/** A member-level township sheet with a two-row merged header; household cells merged down. */
export async function writeMemberWorkbook(path: string, households: FxHousehold[], o: WorkbookOptions = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheetName ?? '郭城驿镇');
  const headers = [...HEAD, ...INCOME, ...TAIL].map((h) => o.rename?.[h] ?? h);
  const width = headers.length;
  ws.addRow([o.title ?? '会宁县郭城驿镇2024年度脱贫人口收入台账']);
  ws.mergeCells(1, 1, 1, width);
  ws.addRow([o.infoRow ?? '填报单位：郭城驿镇人民政府', '', '', '', '', '', '', '', '', '', '单位：元']);
  const top = ws.addRow([...headers.slice(0, HEAD.length), '家庭收入情况（元）', ...Array(INCOME.length - 1).fill(''), ...headers.slice(HEAD.length + INCOME.length)]);
  ws.addRow([...Array(HEAD.length).fill(''), ...headers.slice(HEAD.length, HEAD.length + INCOME.length), ...Array(TAIL.length).fill('')]);
  for (let c = 1; c <= width; c++) if (c <= HEAD.length || c > HEAD.length + INCOME.length) ws.mergeCells(3, c, 4, c);
  ws.mergeCells(3, HEAD.length + 1, 3, HEAD.length + INCOME.length);
  top.font = { bold: true };
  let serial = 0;
  for (const h of households) {
    const first = ws.rowCount + 1;
    const n = net(h);
    const pc = Number.isFinite(Number(h.size)) ? Math.round((n / Number(h.size)) * 100) / 100 : '';
    h.members.forEach((m, k) => {
      const row = ws.addRow([
        k === 0 ? ++serial : '', h.village, h.code, h.members[0]!.name, m.name, m.id, m.relation, k === 0 ? h.size : '',
        ...(k === 0 ? [...h.income.map((v) => amount(v, h.textAmounts)), h.netText ?? amount(n, h.textAmounts), h.perCapitaText ?? (typeof pc === 'number' ? amount(pc, h.textAmounts) : pc)] : Array(INCOME.length).fill('')),
        m.labour ?? '', m.work ?? '', k === 0 ? (h.relocated ? '是' : '否') : '',
      ]);
      row.getCell(6).numFmt = '@';
    });
    const last = ws.rowCount;
    if (last > first) for (const c of [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 18]) ws.mergeCells(first, c, last, c);
  }
  if (o.totalRow !== false) ws.addRow(['合计', '', '', '', '', '', '', households.reduce((a, h) => a + Number(h.size), 0)]);
  if (o.footer !== false) ws.addRow(['单位负责人：王某', '', '', '审核人：李某', '', '填表人：赵某', '', '联系电话：0943-1234567']);
  if (o.notesSheet !== false) {
    const notes = wb.addWorksheet('填表说明');
    notes.addRow(['1. 身份证号码请设置为文本格式']);
    notes.addRow(['2. 收入单位为元']);
  }
  await wb.xlsx.writeFile(path);
}
