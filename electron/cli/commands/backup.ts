import { openSession } from '../../services/session.ts';
import { requireString, type Command } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: '把数据库备份到一个新文件（SQLite 在线备份，备份后只读打开并做完整性检查）',
  usage: 'backup --db FILE --out FILE [--operator 姓名]',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const out = requireString(args, 'out');
    const operator = typeof args.values.operator === 'string' ? args.values.operator : undefined;
    const session = openSession(dbPath, { mustExist: true, ...(operator ? { operator } : {}) });
    try {
      if (session.ctx.readOnlyReason) io.err(session.ctx.readOnlyReason);
      const r = await session.call('system:backup', { path: out });
      io.out(`已备份到 ${r?.path ?? out}（${((r?.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB，已通过完整性检查）`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
