/** Display helpers of the 监测帮扶 view: tag colours and texts shared by its components. */
import { formatYuan } from '../../format.ts';
import { LEDGER_GROUP_LABELS, PLAN_OUTCOME_LABELS, type LedgerGroup, type PlanEvaluation, type PlanOutcome } from '../../../../shared/domain/plans.ts';

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const GROUP_TAG: Readonly<Record<LedgerGroup, TagType>> = { below: 'danger', decreased: 'warning', relocated: 'primary' };

export function groupLabel(g: LedgerGroup, line: number): string {
  return g === 'below' ? `低于${line}元` : LEDGER_GROUP_LABELS[g];
}

export const OUTCOME_TAG: Readonly<Record<PlanOutcome, TagType>> = {
  pending: 'info',
  reached: 'success',
  'fell-again': 'danger',
  'below-line': 'warning',
  'not-reached': 'warning',
};

export function outcomeLabel(o: PlanOutcome): string {
  return PLAN_OUTCOME_LABELS[o];
}

/** One sentence on how the plan came out, for the tag's tooltip and the card. */
export function outcomeDetail(e: PlanEvaluation): string {
  if (e.outcome === 'pending') return `尚无 ${e.evaluatedYear} 年收入数据，导入或录入后自动评估。`;
  const parts = [`${e.evaluatedYear} 年人均纯收入${e.reached ? '已达到' : '未达到'}目标 ${formatYuan(e.targetPerCapita)} 元`];
  if (e.fellAgain) parts.push('较计划当年再次下降');
  if (e.belowLine) parts.push('仍低于收入线');
  return `${parts.join('，')}。`;
}

export const STATUS_TAG: Readonly<Record<string, TagType>> = { 待制定: 'info', 已制定: 'primary', 落实中: 'warning', 已完成: 'success' };

/** "何斌 户主 45岁 普通劳动力 县内务工 公益岗位": one member as the plan-maker needs to see them. */
export function memberText(m: { name: string; relation: string; age: number | null; labour: string | null; workPlaceClass: string | null; welfarePost: boolean }): string {
  return [m.name, m.relation, m.age === null ? null : `${m.age}岁`, m.labour, m.workPlaceClass ? `${m.workPlaceClass}务工` : null, m.welfarePost ? '公益岗位' : null]
    .filter(Boolean)
    .join(' ');
}
