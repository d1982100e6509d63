import type { IntegrityReport } from '../../../shared/api/system.ts';
import { openSession } from '../../services/session.ts';
import { printJson, requireString, type CliIo, type Command } from '../command.ts';

function print(io: CliIo, r: IntegrityReport, readOnlyReason: string | null): void {
  io.out(`完整性检查（integrity_check）：${r.ok ? '通过' : '未通过'}`);
  for (const p of r.problems) io.out(`  ${p}`);
  io.out(`外键检查：${r.foreignKeyProblems === 0 ? '通过' : `${r.foreignKeyProblems} 处引用缺失`}`);
  io.out(`审计日志哈希链：${r.audit.ok ? `完好（${r.audit.entries} 条）` : `断裂：${r.audit.reason ?? ''}`}`);
  if (readOnlyReason) io.out(readOnlyReason);
}

export const checkCommand: Command = {
  name: 'check',
  summary: '检查数据库：SQLite 完整性、外键、审计日志哈希链（任一不通过则退出码为 1）',
  usage: 'check --db FILE [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    // Read-only: a check must never change the file it checks (no migration, no WAL recovery write).
    const session = openSession(dbPath, { mustExist: true, readonly: true });
    try {
      const r = await session.call('system:check', { full: true });
      if (args.values.json) printJson(io, r);
      else print(io, r, null);
      return r.ok && r.foreignKeyProblems === 0 && r.audit.ok ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
