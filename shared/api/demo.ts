import { z } from 'zod';
import { method } from './define.ts';

export interface ClearDemoResult {
  /** The automatic backup of the demo, in case it is wanted again. */
  backup: string;
  households: number;
}

export const demoApi = {
  /**
   * Leaves the demo: removes every generated household, member, income, plan and demo village, and
   * the demo mark, so the steward starts the real ledger in the same file. Refused unless the file
   * is a demo; `confirm` must repeat the words the steward saw.
   */
  'demo:clear': method<ClearDemoResult>()(z.object({ confirm: z.literal('清空演示数据') }).strict(), { writes: 'job', audit: ['demo-clear'] }),
};
