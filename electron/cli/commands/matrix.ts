/**
 * `matrix --db FILE [--scope city|CODE] [--json]`: the responsibility matrix, as text or as JSON
 * `[ { n, group, title, departments: [ { name, role } ] } ]` (group = the group's heading; archived
 * measures left out). The scope defaults to the one saved in 设置.
 */
import { ROLE_LABELS, type MatrixResult, type MatrixRole } from '../../../shared/api/matrix.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type CliIo, type Command } from '../command.ts';

export interface MatrixJsonRow {
  n: number;
  group: string;
  title: string;
  departments: Array<{ name: string; role: 'lead' | 'support' | 'main' }>;
}

export function matrixJson(m: MatrixResult): MatrixJsonRow[] {
  const groups = new Map(m.groups.map((g) => [g.n, g.title]));
  return m.measures
    .filter((x) => !x.archived)
    .map((x) => ({ n: x.n, group: groups.get(x.group) ?? '', title: x.title, departments: x.departments.map((d) => ({ name: d.name, role: d.role })) }));
}

const NUMERALS = '一二三四五六七八九十';

function printText(io: CliIo, m: MatrixResult): void {
  const current = m.measures.filter((x) => !x.archived);
  io.out(`${m.scope.name}脱贫人口增收措施责任分工（${current.length} 条）`);
  for (const g of m.groups) {
    const rows = current.filter((x) => x.group === g.n);
    if (rows.length > 0) io.out(`\n（${NUMERALS[g.n - 1] ?? g.n}）${g.title}`);
    for (const row of rows) {
      const by = (role: MatrixRole): string => row.departments.filter((d) => d.role === role).map((d) => d.name).join('、') || '—';
      io.out(`  ${String(row.n).padStart(2)}. ${row.title}`);
      io.out(`      ${ROLE_LABELS.lead}：${by('lead')}　${ROLE_LABELS.support}：${by('support')}　${ROLE_LABELS.main}：${by('main')}`);
    }
  }
}

export const matrixCommand: Command = {
  name: 'matrix',
  summary: '列出方案各项措施的牵头、配合和主体责任单位',
  usage: 'matrix --db FILE [--scope city|县区代码] [--json]',
  options: { db: { type: 'string' }, scope: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const scope = optionalString(args, 'scope');
    if (scope !== undefined && scope !== 'city' && !/^\d{6}$/.test(scope)) throw new UsageError(`--scope 应为 city 或 6 位县区代码，收到：${scope}`);
    const session = openSession(dbPath, { mustExist: true });
    try {
      const result = await session.call('matrix:get', scope === undefined ? {} : { scope });
      if (args.values.json) printJson(io, matrixJson(result));
      else printText(io, result);
      return 0;
    } finally {
      await session.close();
    }
  },
};
