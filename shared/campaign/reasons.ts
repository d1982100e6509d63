/**
 * 自然变更 coded reasons (the province's 动态调整 list). A leaving reason takes the person (or the
 * whole household) out of the ledger when the steward asks for it; the change row keeps the history.
 */
export const NATURAL_REASONS = ['死亡', '出生', '婚入', '婚出', '分户', '合户', '迁入', '迁出', '参军', '考入学校', '服刑', '其他'] as const;
export type NaturalReason = (typeof NATURAL_REASONS)[number];

/** Reasons after which the person is no longer a member of the household in the ledger. */
export const LEAVING_REASONS: ReadonlySet<NaturalReason> = new Set(['死亡', '婚出', '迁出', '参军', '考入学校', '服刑', '分户']);

export function isLeaving(r: NaturalReason): boolean {
  return LEAVING_REASONS.has(r);
}
