/** `findings [export|answer] --db FILE …`: list findings, write a township's workbook, read its answers. */
import { resolve } from 'node:path';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '../../../shared/checks/catalogue.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, printJson, requireString, UsageError, type Command } from '../command.ts';
import { cliOperator } from './import.ts';

function stateArg(v: string | undefined): FindingState | undefined {
  if (v === undefined) return undefined;
  if (!(FINDING_STATES as readonly string[]).includes(v)) throw new UsageError(`--state 只能是 ${FINDING_STATES.join('、')}，收到：${v}`);
  return v as FindingState;
}

export const findingsCommand: Command = {
  name: 'findings',
  summary: '核查问题：按乡镇、规则、状态列出；导出乡镇核查清单；导入乡镇答复',
  usage: 'findings --db FILE [--township CODE] [--rule CODE] [--state S] [--json] | findings export --db FILE --township CODE --out F.xlsx | findings answer FILE --db FILE',
  options: { db: { type: 'string' }, township: { type: 'string' }, rule: { type: 'string' }, state: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, operator: { type: 'string' } },
  async run(args, io) {
    const [verb, file] = args.positionals;
    const s = openSession(requireString(args, 'db'), { mustExist: true, operator: cliOperator(args) });
    try {
      if (verb === 'export') {
        const r = await s.call('checks:export-township', { township: requireString(args, 'township'), out: resolve(requireString(args, 'out')) });
        io.out(`已导出 ${r.findings} 个问题到 ${r.path}（证件号码已脱敏）`);
        return 0;
      }
      if (verb === 'answer') {
        if (!file) throw new UsageError('请给出答复文件：findings answer FILE');
        const r = await s.call('checks:answer', { path: resolve(file) });
        io.out(`已导入答复：更新 ${r.updated} 个问题的状态，${r.unchanged} 个未变`);
        return 0;
      }
      if (verb !== undefined) throw new UsageError(`未知的子命令：${verb}`);
      const year = optionalYear(args);
      const list = await s.call('checks:findings', {
        township: optionalString(args, 'township'), rule: optionalString(args, 'rule'), state: stateArg(optionalString(args, 'state')), ...(year ? { year } : {}),
      });
      if (args.values.json) printJson(io, list);
      else for (const f of list) io.out(`${f.id}\t${f.rule}\t${f.townshipCode ?? ''}\t${f.householdCode ?? ''}\t${f.memberName ?? ''}\t${f.memberId ?? ''}\t${FINDING_STATE_LABELS[f.state]}\t${f.message}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
