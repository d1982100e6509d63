import type { StatsResult, StatsRow } from '../../../shared/api/stats.ts';
import { formatInt, formatPercent, formatYuan } from '../../../shared/domain/format.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

const BY = ['county', 'township', 'village'] as const;

function printTable(io: CliIo, r: StatsResult): void {
  io.out(`${r.year} 年脱贫人口收入情况（按${{ county: '县区', township: '乡镇', village: '村' }[r.by]}）`);
  const line = (x: StatsRow): string =>
    [x.code.padEnd(12), x.name.padEnd(8, '　'), formatInt(x.households).padStart(8), formatInt(x.persons).padStart(9),
      formatYuan(x.perCapitaNet).padStart(11), formatPercent(x.growth).padStart(7), formatYuan(x.gapToTarget).padStart(11),
      String(x.below8000).padStart(7), String(x.decreased).padStart(7), String(x.relocated).padStart(7)].join(' ');
  io.out(['代码'.padEnd(12), '名称'.padEnd(8, '　'), '户数'.padStart(8), '人数'.padStart(9), '人均纯收入'.padStart(11),
    '增幅'.padStart(7), '距目标'.padStart(11), '<8000'.padStart(7), '下降'.padStart(7), '搬迁'.padStart(7)].join(' '));
  for (const row of r.rows) io.out(line(row));
  io.out(line(r.total));
}

export const statsCommand: Command = {
  name: 'stats',
  summary: '按县区、乡镇或村汇总人均纯收入、目标差距和两类群体',
  usage: 'stats --db FILE [--year YYYY] [--by county|township|village] [--county CODE] [--township CODE] [--json]',
  options: { db: { type: 'string' }, year: { type: 'string' }, by: { type: 'string' }, county: { type: 'string' }, township: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const by = optionalString(args, 'by') ?? 'county';
    if (!(BY as readonly string[]).includes(by)) throw new UsageError(`--by 只能是 county、township 或 village，收到：${by}`);
    const session = openSession(dbPath, { mustExist: true });
    try {
      const result = await session.call('stats:get', {
        by, year: optionalYear(args), county: optionalString(args, 'county'), township: optionalString(args, 'township'),
      });
      if (args.values.json) printJson(io, result);
      else printTable(io, result);
      return 0;
    } finally {
      await session.close();
    }
  },
};
