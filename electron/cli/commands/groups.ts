import type { GroupRow, GroupsResult } from '../../../shared/api/monitoring.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

/** The CLI contract: exactly these keys, in this order (counts are households). */
export interface GroupsCliRow {
  code: string;
  name: string;
  below8000: number;
  decreased: number;
  relocated: number;
  any: number;
  plans: number;
  plansReached: number;
}

function cliRow(r: GroupRow): GroupsCliRow {
  return {
    code: r.code, name: r.name, below8000: r.below8000, decreased: r.decreased, relocated: r.relocated, any: r.any,
    plans: r.plans, plansReached: r.plansReached,
  };
}

function printTable(io: CliIo, r: GroupsResult): void {
  io.out(`${r.year} 年两类群体及易地搬迁户工作台账（按${r.by === 'township' ? '乡镇' : '县区'}，收入线 ${r.line} 元，单位：户）`);
  const head = ['代码'.padEnd(12), '名称'.padEnd(8, '　'), `<${r.line}`.padStart(7), '下降'.padStart(6), '搬迁'.padStart(6),
    '合计'.padStart(6), '计划'.padStart(6), '达标'.padStart(6)];
  io.out(head.join(' '));
  for (const x of [...r.rows, r.total]) {
    io.out([x.code.padEnd(12), x.name.padEnd(8, '　'), String(x.below8000).padStart(7), String(x.decreased).padStart(8),
      String(x.relocated).padStart(8), String(x.any).padStart(8), String(x.plans).padStart(8), String(x.plansReached).padStart(8)].join(' '));
  }
  io.out('“合计”为至少属于一类的户数（一户可同时属于多类）；“达标”为次年收入达到计划目标的户数。');
}

export const groupsCommand: Command = {
  name: 'groups',
  summary: '两类群体（低于收入线、收入下降）和易地搬迁户的户数，以及一户一策计划和达标户数',
  usage: 'groups --db FILE --year YYYY [--county CODE] [--json]',
  options: { db: { type: 'string' }, year: { type: 'string' }, county: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const yearText = requireString(args, 'year');
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year 应为四位年份，收到：${yearText}`);
    const county = optionalString(args, 'county');
    if (county !== undefined && !/^\d{6}$/.test(county)) throw new UsageError(`--county 应为 6 位县区代码，收到：${county}`);
    const session = openSession(dbPath, { mustExist: true });
    try {
      const r = await session.call('monitoring:groups', { year: Number(yearText), by: county ? 'township' : 'county', county });
      if (args.values.json) printJson(io, { year: r.year, rows: r.rows.map(cliRow), total: cliRow(r.total) });
      else printTable(io, r);
      return 0;
    } finally {
      await session.close();
    }
  },
};
