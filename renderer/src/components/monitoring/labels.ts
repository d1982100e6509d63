/** Display helpers of the 监测帮扶 view: tag colours and texts shared by its components. */
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
  const parts = [`${e.evaluatedYear} 年人均纯收入${e.reached ? '已达到' : '未达到'}目标 ${e.targetPerCapita.toFixed(2)} 元`];
  if (e.fellAgain) parts.push('较计划当年再次下降');
  if (e.belowLine) parts.push('仍低于收入线');
  return `${parts.join('，')}。`;
}

export const STATUS_TAG: Readonly<Record<string, TagType>> = { 待制定: 'info', 已制定: 'primary', 落实中: 'warning', 已完成: 'success' };
