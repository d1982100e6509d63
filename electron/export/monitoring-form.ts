/**
 * 防止返贫监测对象情况表: the households with a 监测对象类别, by township (or village): how many,
 * of which category, risk state (未消除 / 帮扶消除 / 自然消除, and the eliminated share) and how often
 * each risk type is recorded. A household with several risks counts once per risk (户次), so the
 * risk columns may add up to more than the households; the 说明 row says so. The state is the
 * ledger's as it stands (monitoring fields are not kept per year); the note carries its date.
 */
import { MONITORING_CATEGORIES, RISK_TYPES } from '../../shared/domain/plans.ts';
import { parseRisks } from '../db/queries/monitoring-ledger.ts';
import { regionNames } from '../db/queries/stats.ts';
import { FORM_TITLES, scopeSql, type FormContext, type FormOutcome } from './form.ts';
import { FormSheet, type CellValue, type FormColumn, type FormWorkbook } from './layout.ts';
import { LEAF_COLUMNS, leafHeader, regionBlocks, type LeafKey } from './region-blocks.ts';

export interface MonitoringSums {
  households: number;
  persons: number;
  categories: number[];
  open: number;
  helped: number;
  natural: number;
  eliminatedNoMethod: number;
  risks: number[];
}

function zero(): MonitoringSums {
  return { households: 0, persons: 0, categories: MONITORING_CATEGORIES.map(() => 0), open: 0, helped: 0, natural: 0, eliminatedNoMethod: 0, risks: RISK_TYPES.map(() => 0) };
}

function add(t: MonitoringSums, x: MonitoringSums): void {
  t.households += x.households;
  t.persons += x.persons;
  t.open += x.open;
  t.helped += x.helped;
  t.natural += x.natural;
  t.eliminatedNoMethod += x.eliminatedNoMethod;
  x.categories.forEach((n, i) => (t.categories[i] = (t.categories[i] ?? 0) + n));
  x.risks.forEach((n, i) => (t.risks[i] = (t.risks[i] ?? 0) + n));
}

export function monitoringColumns(header: string): FormColumn[] {
  const c = '监测对象类别（户）';
  const st = '风险状态（户）';
  return [
    { header: '序号', width: 6, kind: 'seq' }, { header, width: 14, kind: 'text' },
    { header: ['监测对象', '户数'], width: 8, kind: 'count' }, { header: ['监测对象', '人数'], width: 8, kind: 'count' },
    ...MONITORING_CATEGORIES.map((k): FormColumn => ({ header: [c, k], width: 9, kind: 'count' })),
    { header: [st, '风险未消除'], width: 8, kind: 'count' }, { header: [st, '帮扶消除'], width: 8, kind: 'count' },
    { header: [st, '自然消除'], width: 8, kind: 'count' }, { header: [st, '已消除未填方式'], width: 9, kind: 'count' },
    { header: [st, '消除占比'], width: 8, kind: 'percent' },
    ...RISK_TYPES.map((k): FormColumn => ({ header: ['致贫返贫风险类型（户次）', k], width: 7, kind: 'count' })),
  ];
}

interface Raw extends LeafKey {
  persons: number;
  category: string;
  eliminated: number | null;
  method: string | null;
  risks: string;
}

export function monitoringRows(f: FormContext): Array<{ key: LeafKey; sums: MonitoringSums }> {
  const s = scopeSql(f.scope);
  const rows = f.db.prepare(`SELECT ${LEAF_COLUMNS}, (SELECT count(*) FROM members m WHERE m.household_id = h.id) AS persons,
      h.monitoring_category AS category, h.risk_eliminated AS eliminated, h.elimination_method AS method, h.risk_types AS risks
    FROM households h WHERE h.monitoring_category IS NOT NULL AND ${s.where}`).all(s.params) as Raw[];
  return rows.map((r) => {
    const sums = zero();
    sums.households = 1;
    sums.persons = r.persons;
    sums.categories[MONITORING_CATEGORIES.indexOf(r.category as (typeof MONITORING_CATEGORIES)[number])] = 1;
    if (r.eliminated !== 1) sums.open = 1;
    else if (r.method === '帮扶消除') sums.helped = 1;
    else if (r.method === '自然消除') sums.natural = 1;
    else sums.eliminatedNoMethod = 1;
    for (const risk of new Set(parseRisks(r.risks))) {
      const i = (RISK_TYPES as readonly string[]).indexOf(risk);
      // A label outside the official list is counted as 其他 rather than dropped.
      sums.risks[i >= 0 ? i : RISK_TYPES.length - 1]! += 1;
    }
    return { key: { county: r.county, township: r.township, village: r.village }, sums };
  });
}

function cells(seq: number | null, label: string, s: MonitoringSums): CellValue[] {
  const eliminated = s.helped + s.natural + s.eliminatedNoMethod;
  return [
    seq, label, s.households, s.persons, ...s.categories, s.open, s.helped, s.natural, s.eliminatedNoMethod,
    s.households > 0 ? Math.round((eliminated / s.households) * 10000) / 10000 : null, ...s.risks,
  ];
}

export async function writeMonitoring(book: FormWorkbook, f: FormContext): Promise<FormOutcome> {
  const sheet = new FormSheet(book, monitoringColumns(leafHeader(f.scope, f.by)), {
    title: `${f.scope.label}${FORM_TITLES.monitoring}`, signatures: f.signatures, date: f.date, frozenColumns: 2, sheetName: '监测对象情况', paper: 'A3',
  });
  const printed = regionBlocks(monitoringRows(f), f.scope, f.by, { names: regionNames(f.db), empty: zero, add });
  let rows = 0;
  for (const r of printed) {
    if (r.kind === 'data' && rows >= f.limit) break;
    sheet.addRow(cells(r.seq, r.label, r.sums), r.kind);
    if (r.kind === 'data') rows++;
  }
  sheet.addMergedRow(
    '说明：监测对象为台账中填有监测对象类别的农户，状态为台账当前记录（见下方数据截至日期）；人数为台账成员数；消除占比 = 已消除户数 ÷ 监测户数；' +
      '风险类型按户次统计，一户有多种风险时每种各计一次，不在官方目录内的风险计入“其他”。',
    'note', 36,
  );
  f.progress('写入', rows, rows);
  sheet.finish();
  return { rows, sheets: [sheet.sheet.name] };
}
