/**
 * 防止返贫监测: the states of a monitoring case, from the clue to the end of the risk.
 * A state is the milestone the case has reached (with its date): 线索 means a clue is on record and
 * the home check is still to do; 县级审定 means the county has decided to include it (纳入监测).
 * Steps of identification follow 秦安县's published procedure (DOMAIN §3.3): home check → village
 * review and one public notice → township review → county decision.
 */
export const CASE_STATES = ['线索', '入户核实', '村级评议公示', '乡镇审核', '县级审定', '帮扶', '继续监测', '风险消除', '不予纳入'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Where a clue came from (the list). */
export const CASE_SOURCES = ['一键报贫', '排查', '部门比对', '台账预警'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Identification steps, in order; a case moves one step at a time (no skipping the notice). */
const IDENTIFY: readonly CaseState[] = ['线索', '入户核实', '村级评议公示', '乡镇审核', '县级审定'];

/** Allowed moves. 不予纳入 ends identification with a reason, at any step before the county decision. */
export const TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  线索: ['入户核实', '不予纳入'],
  入户核实: ['村级评议公示', '不予纳入'],
  村级评议公示: ['乡镇审核', '不予纳入'],
  乡镇审核: ['县级审定', '不予纳入'],
  县级审定: ['帮扶'],
  帮扶: ['风险消除', '继续监测'],
  继续监测: ['帮扶', '风险消除'],
  风险消除: [],
  不予纳入: [],
};

/** What the next step of a state is called on screen (the work still to do). */
export const NEXT_WORK: Readonly<Record<CaseState, string>> = {
  线索: '待入户核实',
  入户核实: '待村级评议公示',
  村级评议公示: '待乡镇审核',
  乡镇审核: '待县级审定',
  县级审定: '待落实帮扶措施',
  帮扶: '帮扶中',
  继续监测: '继续监测',
  风险消除: '已消除风险',
  不予纳入: '已结束（不予纳入）',
};

export function canMove(from: CaseState, to: CaseState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isIdentifying(s: CaseState): boolean {
  return IDENTIFY.includes(s) && s !== '县级审定';
}

export function isClosed(s: CaseState): boolean {
  return s === '风险消除' || s === '不予纳入';
}

/** 纳入监测: the county decided and the case is (or was) monitored. */
export function isMonitored(s: CaseState): boolean {
  return s === '县级审定' || s === '帮扶' || s === '继续监测' || s === '风险消除';
}
