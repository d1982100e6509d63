/**
 * The elimination checklist (风险消除), from the published conditions (DOMAIN §3.4): income stably
 * above the year's monitoring range; 三保障 (schooling, basic medical care, safe housing) and safe
 * drinking water secured; the risk found at identification removed, and no new risk. The income item
 * is computed from the ledger; the other three are confirmed by the steward after the home visit.
 */
export const CONFIRMED_ITEMS = ['threeGuarantees', 'drinkingWater', 'noRisk'] as const;
export type ConfirmedItem = (typeof CONFIRMED_ITEMS)[number];
export type ChecklistItem = 'income' | ConfirmedItem;

export const CHECKLIST_LABELS: Readonly<Record<ChecklistItem, string>> = {
  income: '家庭人均纯收入高于当年监测范围',
  threeGuarantees: '义务教育、基本医疗、住房安全（三保障）有保障',
  drinkingWater: '饮水安全有保障',
  noRisk: '识别时的风险已稳定消除，且无新的返贫致贫风险',
};

export interface ChecklistResult {
  item: ChecklistItem;
  label: string;
  ok: boolean;
  /** Why it passes or fails, in Chinese (e.g. "2024 年人均纯收入 8,120.00 元，监测范围 7,800 元"). */
  detail: string;
}

export type Confirmations = Partial<Record<ConfirmedItem, boolean>>;

export function confirmedResults(c: Confirmations): ChecklistResult[] {
  return CONFIRMED_ITEMS.map((item) => ({
    item, label: CHECKLIST_LABELS[item], ok: c[item] === true,
    detail: c[item] === true ? '已入户核实确认' : '未确认',
  }));
}
