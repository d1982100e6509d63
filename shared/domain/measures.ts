/**
 * The plan's 22 measures (二、重点措施), parsed from the plan text itself so that titles, wording
 * and responsible departments cannot drift from the source. Numeric indicators are not reliably
 * machine-readable from prose, so they are attached from a hand-checked table below.
 */
import { PLAN_TEXT } from './plan-seed.ts';

export type IncomeType = 'business' | 'wage' | 'property' | 'transfer' | 'expense';

export interface MeasureGroup {
  n: number;
  title: string;
  incomeType: IncomeType;
}

export interface Indicator {
  key: string;
  label: string;
  comparator: '>=' | '<=' | '=';
  /** As the plan writes it, in `unit` (percentages as 60 with unit '%', 11万人 as 11 with '万人'). */
  value: number;
  unit: string;
  /** null: applies every year of the plan. */
  year: number | null;
}

export interface PlanMeasure {
  n: number;
  group: number;
  title: string;
  /** The paragraph without its "N." prefix, including the (责任单位:…) note. */
  text: string;
  /** City departments in the plan's order; the first one leads. */
  departments: string[];
  indicators: Indicator[];
}

/** Every measure names 县区党委政府 as well; they carry the main responsibility for all of them. */
export const MAIN_RESPONSIBLE = '县区党委政府';

const CHINESE_NUMERALS = '一二三四五六七八九十';
const GROUP_HEADING = /^[(（]([一二三四五六七八九十])[)）]\s*(.+)$/;
const MEASURE_LINE = /^(\d{1,2})\s*[.．、]\s*(.+)$/;
const DUTY_NOTE = /[(（]\s*责任单位\s*[:：]([^()（）]*)[)）]\s*$/;

/** Each group heading names the income it raises, e.g. "产业提质增效,增加经营性收入". */
function incomeTypeOf(title: string): IncomeType {
  if (title.includes('经营性')) return 'business';
  if (title.includes('工资性')) return 'wage';
  if (title.includes('财产性')) return 'property';
  if (title.includes('转移性')) return 'transfer';
  if (title.includes('支出')) return 'expense';
  throw new Error(`无法识别措施分组的收入类型：${title}`);
}

function departmentsOf(body: string): string[] {
  const note = DUTY_NOTE.exec(body);
  if (!note) return [];
  return (note[1] ?? '')
    .split(/[、,，;；]/)
    .map((d) => d.trim().replace(/等$/, ''))
    .filter((d) => d !== '' && d !== MAIN_RESPONSIBLE);
}

/** Lines of 二、重点措施 up to (not including) 三、保障方式. */
function measureSection(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const start = lines.findIndex((l) => /^二、\s*重点措施/.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^三、/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

export function parsePlanMeasures(text: string): { groups: MeasureGroup[]; measures: PlanMeasure[] } {
  const groups: MeasureGroup[] = [];
  const measures: PlanMeasure[] = [];
  for (const line of measureSection(text)) {
    const heading = GROUP_HEADING.exec(line);
    if (heading) {
      const title = heading[2] ?? '';
      groups.push({ n: CHINESE_NUMERALS.indexOf(heading[1] ?? '') + 1, title, incomeType: incomeTypeOf(title) });
      continue;
    }
    const item = MEASURE_LINE.exec(line);
    const group = groups.at(-1);
    if (!item || !group) continue;
    const body = item[2] ?? '';
    measures.push({
      n: Number(item[1]),
      group: group.n,
      title: body.split('。')[0] ?? body,
      text: body,
      departments: departmentsOf(body),
      indicators: [],
    });
  }
  return { groups, measures };
}

function ind(key: string, label: string, comparator: Indicator['comparator'], value: number, unit: string, year: number | null = null): Indicator {
  return { key, label, comparator, value, unit, year };
}

/** Figures read by hand from the measure texts (checked against PLAN_TEXT in the unit tests). */
const INDICATORS: Readonly<Record<number, readonly Indicator[]>> = {
  1: [ind('cityIndustryAward', '市级财政每年奖补支持产业集群', '=', 4600, '万元')],
  3: [ind('linkageFundIndustryShare', '财政衔接资金用于产业的比例', '>=', 60, '%', 2023)],
  7: [ind('labourInWork', '脱贫劳动力务工就业规模', '>=', 11, '万人')],
  9: [
    ind('travelSubsidyInterProvince', '跨省就业一次性往返交通补助', '<=', 600, '元'),
    ind('travelSubsidyIntraProvince', '省内就近就业一次性往返交通补助', '<=', 300, '元'),
    ind('hiringTaxDeduction', '企业吸纳脱贫人口就业税收扣减定额', '=', 7800, '元/人/年'),
    ind('agencyPlacementAward', '劳务中介有组织输转稳定就业一次性奖补', '=', 200, '元/人'),
  ],
  14: [
    ind('workReliefPayShareCentralInvestment', '以工代赈劳务报酬占中央预算内投资比例', '>=', 30, '%'),
    ind('workReliefPayShareCentralFund', '以工代赈劳务报酬占中央财政以工代赈资金比例', '>=', 15, '%'),
    ind('workReliefPayShareFarmProjects', '农业农村领域以工代赈劳务报酬占各级财政资金比例', '>=', 10, '%'),
  ],
};

const PARSED = parsePlanMeasures(PLAN_TEXT);

export const MEASURE_GROUPS: readonly MeasureGroup[] = PARSED.groups;

export const MEASURES: readonly PlanMeasure[] = PARSED.measures.map((m) => ({
  ...m,
  indicators: [...(INDICATORS[m.n] ?? [])],
}));

/** Every city department the plan names, in order of first appearance. */
export const PLAN_DEPARTMENTS: readonly string[] = [...new Set(MEASURES.flatMap((m) => m.departments))];
