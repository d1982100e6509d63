/** `checks run --db FILE [--year YYYY] [--json]`: runs every rule and merges the findings. */
import { runSummaryText } from '../../../shared/checks/run-summary.ts';
import { RULE_BY_CODE } from '../../../shared/checks/catalogue.ts';
import { openSession } from '../../services/session.ts';
import { optionalYear, printJson, requireString, UsageError, type Command } from '../command.ts';
import { cliOperator } from './import.ts';

export const checksCommand: Command = {
  name: 'checks',
  summary: '数据核查：运行全部规则（台账规则与部门比对规则），记录问题并跟踪状态',
  usage: 'checks run --db FILE [--year YYYY] [--json] [--operator NAME]',
  options: { db: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' }, operator: { type: 'string' } },
  async run(args, io) {
    if (args.positionals[0] !== 'run') throw new UsageError('用法：checks run --db FILE');
    const s = openSession(requireString(args, 'db'), { mustExist: true, operator: cliOperator(args) });
    try {
      const year = optionalYear(args);
      const r = await s.call('checks:run', year === undefined ? {} : { year });
      if (args.values.json) { printJson(io, r); return 0; }
      io.out(runSummaryText(r));
      for (const [code, n] of Object.entries(r.byRule).sort()) io.out(`  ${code} ${RULE_BY_CODE.get(code)?.name ?? ''}：${n}`);
      return 0;
    } finally {
      await s.close();
    }
  },
};
