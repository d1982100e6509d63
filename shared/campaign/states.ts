/** The states of a township's yearly submission on the 年度采集 board, in the order work moves. */
export const SUBMISSION_STATES = ['未报送', '已报送未导入', '已导入', '有问题待整改', '已完成'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Default year-over-year thresholds (a per-capita move beyond ±30% is listed for checking). */
export const YOY_DEFAULTS = { jumpRate: 0.3 } as const;
