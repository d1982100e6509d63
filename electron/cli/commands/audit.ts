import type { AuditRow } from '../../../shared/api/audit.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

/** The log stores UTC; the steward reads local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function printRows(io: CliIo, rows: AuditRow[]): void {
  for (const r of rows) {
    const what = [r.table, r.key, r.field].filter(Boolean).join(' ');
    const change = r.old !== null || r.new !== null ? ` ${r.old ?? '∅'} → ${r.new ?? '∅'}` : '';
    io.out(`${String(r.id).padStart(6)}  ${localTime(r.at)}  ${r.operator}  ${r.action}  ${what}${change}`);
  }
}

export const auditCommand: Command = {
  name: 'audit',
  summary: '列出审计日志（最新在前），或用 --verify 校验哈希链（断裂时退出码为 1）',
  usage: 'audit --db FILE [--verify] [--json] [--limit N] [--action A] [--operator-filter 姓名] [--id 证件号码]',
  options: {
    db: { type: 'string' }, verify: { type: 'boolean' }, json: { type: 'boolean' }, limit: { type: 'string' },
    action: { type: 'string' }, 'operator-filter': { type: 'string' }, id: { type: 'string' },
  },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const limitText = optionalString(args, 'limit') ?? '50';
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 500) throw new UsageError(`--limit 应为 1–500，收到：${limitText}`);
    const session = openSession(dbPath, { mustExist: true, readonly: true });
    try {
      if (args.values.verify) {
        const r = await session.call('audit:verify', {});
        if (args.values.json) printJson(io, r);
        else io.out(r.ok ? `审计日志完好：${r.entries} 条，哈希链连续。` : `审计日志被篡改：${r.reason ?? ''}（第 ${r.brokenAt ?? '?'} 条）`);
        return r.ok ? 0 : 1;
      }
      const page = await session.call('audit:list', {
        pageSize: Number(limitText), action: optionalString(args, 'action'), operator: optionalString(args, 'operator-filter'),
        idNumber: optionalString(args, 'id'),
      });
      if (args.values.json) printJson(io, page);
      else {
        io.out(`审计日志共 ${page.total} 条，显示最新 ${page.rows.length} 条：`);
        printRows(io, page.rows);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
};
