import { openSession } from '../../services/session.ts';
import { requireString, type Command } from '../command.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary: '用备份文件恢复数据库（先检查备份，再自动备份当前数据，恢复后记入审计日志）',
  usage: 'restore --db FILE --from FILE [--operator 姓名]',
  options: { db: { type: 'string' }, from: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const from = requireString(args, 'from');
    const operator = typeof args.values.operator === 'string' ? args.values.operator : undefined;
    const session = openSession(dbPath, { mustExist: true, ...(operator ? { operator } : {}) });
    try {
      const r = await session.call('system:restore', { path: from });
      if (!r) return 2;
      io.out(`已从 ${r.restoredFrom} 恢复（数据库版本 ${r.schemaVersion}）。`);
      if (r.carriedEntries > 0) io.out(`备份之后的 ${r.carriedEntries} 条审计记录已保留在恢复后的审计日志中。`);
      if (r.previousBackup) io.out(`恢复前的数据已自动备份到 ${r.previousBackup}`);
      if (r.damagedMovedTo) io.out(`损坏的数据库已移到 ${r.damagedMovedTo}`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
