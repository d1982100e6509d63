/** `undo BATCH_ID --db FILE`: restores the state before an import batch (audited). */
import { openSession } from '../../services/session.ts';
import { requireString, UsageError, type Command } from '../command.ts';
import { cliOperator } from './import.ts';

export const undoCommand: Command = {
  name: 'undo',
  summary: '撤销一个导入批次：删除它新增的户、人和收入，恢复它修改过的值',
  usage: 'undo BATCH_ID --db FILE',
  options: { db: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const raw = args.positionals[0];
    if (!raw || !/^\d+$/.test(raw) || args.positionals.length > 1) throw new UsageError('请给出一个批次号（数字），可用 batches 查看');
    const s = openSession(dbPath, { mustExist: true, operator: cliOperator(args) });
    try {
      const r = await s.call('import:undo', { batchId: Number(raw) });
      io.out(`已撤销第 ${r.batchId} 号批次：删除 ${r.householdsRemoved} 户、${r.membersRemoved} 人、${r.incomeRemoved} 条收入记录，恢复 ${r.valuesRestored} 个字段值${r.membersRestored ? `，找回被移除的 ${r.membersRestored} 人` : ''}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
