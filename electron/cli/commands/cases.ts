/** `cases --db F [--state S] [--overdue] [--county C] [--township T] [--as-of D] [--json]`: the 监测对象 list. */
import { CASE_STATES, type CaseState } from '../../../shared/cases/states.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type Command } from '../command.ts';
import { printCases } from './cases-print.ts';

export function stateArg(v: string | undefined, flag: string): CaseState | undefined {
  if (v === undefined) return undefined;
  if (!(CASE_STATES as readonly string[]).includes(v)) throw new UsageError(`${flag} 只能是 ${CASE_STATES.join('、')}，收到：${v}`);
  return v as CaseState;
}

export function dateArg(v: string | undefined, flag: string): string | undefined {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`${flag} 应为 YYYY-MM-DD，收到：${v}`);
  return v;
}

export const casesCommand: Command = {
  name: 'cases',
  summary: '防止返贫监测对象：各户所处步骤、已用工作日、时限和超期情况',
  usage: 'cases --db FILE [--state S] [--overdue] [--county CODE] [--township CODE] [--as-of YYYY-MM-DD] [--json]',
  options: { db: { type: 'string' }, state: { type: 'string' }, overdue: { type: 'boolean' }, county: { type: 'string' }, township: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const s = openSession(requireString(args, 'db'), { mustExist: true });
    try {
      const r = await s.call('cases:list', {
        state: stateArg(optionalString(args, 'state'), '--state'), overdue: args.values.overdue === true ? true : undefined,
        county: optionalString(args, 'county'), township: optionalString(args, 'township'), asOf: dateArg(optionalString(args, 'as-of'), '--as-of'),
      });
      if (args.values.json) printJson(io, r);
      else printCases(io, r);
      return 0;
    } finally {
      await s.close();
    }
  },
};
