/** `sources [add FILE | delete ID] --db FILE`: department lists for 数据核查. */
import { resolve } from 'node:path';
import { openSession } from '../../services/session.ts';
import { printJson, requireString, UsageError, type Command } from '../command.ts';
import { cliOperator } from './import.ts';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: '部门名单：导入（按身份证号码比对台账，不改台账）、列出、整份删除',
  usage: 'sources [add FILE --dept NAME --kind KIND --as-of YYYY-MM-DD | delete ID] --db FILE [--json] [--operator NAME]',
  options: { db: { type: 'string' }, dept: { type: 'string' }, kind: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' }, operator: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const [verb, target] = args.positionals;
    const s = openSession(dbPath, { mustExist: true, operator: cliOperator(args) });
    try {
      if (verb === 'add') {
        if (!target) throw new UsageError('请给出名单文件：sources add FILE');
        const r = await s.call('checks:add-source', { path: resolve(target), dept: requireString(args, 'dept'), kind: requireString(args, 'kind') as never, asOf: requireString(args, 'as-of') });
        if (args.values.json) { printJson(io, r); return 0; }
        const c = r.source.counts;
        io.out(`已导入第 ${r.source.id} 号名单（${r.source.dept}·${r.source.kind}，截至 ${r.source.asOf}）：${c.rows} 行，在台账中 ${c.matched} 人，不在台账 ${c.notInLedger} 人，姓名不符 ${c.nameDiffers} 人，证件号码无效 ${c.invalidIds} 行`);
        for (const p of r.invalidIds.slice(0, 20)) io.err(p);
        return 0;
      }
      if (verb === 'delete') {
        if (!target || !/^\d+$/.test(target)) throw new UsageError('请给出名单编号：sources delete ID');
        const r = await s.call('checks:delete-source', { id: Number(target) });
        io.out(`已删除第 ${target} 号名单及其 ${r.deleted} 行`);
        return 0;
      }
      if (verb !== undefined) throw new UsageError(`未知的子命令：${verb}`);
      const list = await s.call('checks:sources', {});
      if (args.values.json) printJson(io, list);
      else for (const x of list) io.out(`${x.id}\t${x.dept}\t${x.kind}\t截至 ${x.asOf}\t${x.fileName}\t${x.counts.rows} 行，在台账 ${x.counts.matched}，不在台账 ${x.counts.notInLedger}，姓名不符 ${x.counts.nameDiffers}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
