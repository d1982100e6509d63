/** `batch-changes --db FILE --batch N [--limit K] [--json]`: a past batch's changes, old → new, as its history shows them. */
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type Command } from '../command.ts';

export const batchChangesCommand: Command = {
  name: 'batch-changes',
  summary: '列出某个导入批次修改过的值（原值 → 新值，按户分组，证件号码已遮蔽）',
  usage: 'batch-changes --db FILE --batch N [--limit K] [--json]',
  options: { db: { type: 'string' }, batch: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const batchText = requireString(args, 'batch');
    if (!/^[1-9]\d*$/.test(batchText)) throw new UsageError(`--batch 应为批次号（正整数，见 batches 命令），收到：${batchText}`);
    const limitText = optionalString(args, 'limit') ?? '2000';
    if (!/^[1-9]\d*$/.test(limitText) || Number(limitText) > 100_000) throw new UsageError(`--limit 应为 1 到 100000 的整数，收到：${limitText}`);
    const s = openSession(dbPath, { mustExist: true, readonly: true });
    try {
      const r = await s.call('import:batchChanges', { batchId: Number(batchText), limit: Number(limitText) });
      if (args.values.json) {
        printJson(io, r);
        return 0;
      }
      io.out(`第 ${batchText} 号批次修改了 ${r.total} 个值${r.total > r.changes.length ? `（只列出前 ${r.changes.length} 个，可用 --limit 调整）` : ''}`);
      for (const c of r.changes) {
        io.out(`  户 ${c.householdCode} ${c.headName}${c.member ? ` 成员 ${c.member}` : ''}  ${c.field}：${c.old ?? '（空）'} → ${c.new ?? '（空）'}`);
      }
      return 0;
    } finally {
      await s.close();
    }
  },
};
