/**
 * `find --db FILE QUERY [--json]`: the ledger's search box on the command line — household code
 * prefix, head or member name, full ID (any spacing, full-width digits, lowercase x) or the ID's
 * last 4–6 characters. IDs are printed masked, as in the ledger.
 */
import type { SearchHit } from '../../../shared/api/ledger.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

function printHits(io: CliIo, q: string, hits: SearchHit[], limit: number): void {
  if (!hits.length) {
    io.out(`没有找到与“${q}”匹配的户或成员。`);
    return;
  }
  io.out(['户编号'.padEnd(18), '户主'.padEnd(6, '　'), '乡镇'.padEnd(6, '　'), '村'.padEnd(6, '　'), '匹配成员'.padEnd(6, '　'), '证件号码'.padEnd(18), '匹配方式'].join(' '));
  for (const h of hits) {
    io.out([h.householdCode.padEnd(18), h.headName.padEnd(6, '　'), h.township.padEnd(6, '　'), (h.village ?? '—').padEnd(6, '　'),
      (h.memberName ?? '—').padEnd(6, '　'), (h.idMasked ?? '—').padEnd(18), h.matchedBy].join(' '));
  }
  io.out(hits.length >= limit ? `共显示 ${hits.length} 户（已达上限，请输入更完整的条件）` : `共 ${hits.length} 户`);
}

export const findCommand: Command = {
  name: 'find',
  summary: '按户编号、户主或成员姓名、身份证号码（或后 4–6 位）查找户',
  usage: 'find --db FILE QUERY [--limit N] [--json]',
  options: { db: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const q = args.positionals.join(' ').trim();
    if (!q) throw new UsageError('缺少要查找的内容（户编号、姓名或身份证号码）');
    if (q.length > 50) throw new UsageError('查找内容不能超过 50 个字符');
    const limitText = optionalString(args, 'limit') ?? '50';
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 200) throw new UsageError(`--limit 应为 1–200 的整数，收到：${limitText}`);
    const limit = Number(limitText);
    const session = openSession(dbPath, { mustExist: true, readonly: true });
    try {
      const hits = await session.call('ledger:find', { q, limit });
      if (args.values.json) printJson(io, hits);
      else printHits(io, q, hits, limit);
      return hits.length ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
