/** `batches --db FILE [--json]`: the import history, newest first. */
import { openSession } from '../../services/session.ts';
import { printJson, requireString, type Command } from '../command.ts';

export const batchesCommand: Command = {
  name: 'batches',
  summary: '列出导入批次（最新的在前），可用 undo 撤销',
  usage: 'batches --db FILE [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const s = openSession(requireString(args, 'db'), { mustExist: true, readonly: true });
    try {
      const list = await s.call('import:batches', {});
      if (args.values.json) {
        printJson(io, list);
        return 0;
      }
      if (list.length === 0) io.out('还没有导入批次');
      for (const b of list) {
        io.out(`#${b.id}  ${b.createdAt.slice(0, 19).replace('T', ' ')}  ${b.status === 'undone' ? '已撤销' : '已导入'}  ${b.fileName}  ${b.county ?? ''}${b.township ?? ''} ${b.year ?? ''}  ` +
          `户 +${b.households.added}/~${b.households.updated}/✗${b.households.refused}  人 +${b.members.added}/~${b.members.updated}/✗${b.members.refused}  ${b.operator}`);
      }
      return 0;
    } finally {
      await s.close();
    }
  },
};
