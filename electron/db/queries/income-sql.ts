/**
 * SQL for the business part of an income row, in one place: since migration 012 a household year
 * holds either the gross/expense split or 经营净收入 as one figure (`business_net_fen`), and every
 * query that shows or sums the business part must read the same one that net_fen uses.
 */

/** 经营净收入 of the income row aliased `t`. */
export const businessNetSql = (t: string): string => `coalesce(${t}.business_net_fen, ${t}.business_gross_fen - ${t}.business_expense_fen)`;

/** The row reports business income at all: a gross above 0, or a net figure that is not 0 (a loss counts). */
export const hasBusinessSql = (t: string): string => `(${t}.business_gross_fen > 0 OR ifnull(${t}.business_net_fen, 0) <> 0)`;
