/**
 * `export list`: the ledger's household (or, with --members, member) list as filtered and sorted in
 * 台账, to .xlsx. The filters are the ledger's, as flags or as the query text of a drill-down link
 * (`--filter 'county=620422&below=1'`); both go through the one parser in shared/domain/list-filters.
 */
import { formatInt } from '../../../shared/domain/format.ts';
import { HOUSEHOLD_KEYS, MEMBER_KEYS, parseHouseholdFilter, parseMemberFilter } from '../../../shared/domain/list-filters.ts';
import { exportList } from '../../services/export-list.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, requireString, UsageError, type CliIo, type ParsedCli } from '../command.ts';
import { targetOption } from './targets.ts';

/** Flag → filter text key (HOUSEHOLD_KEYS / MEMBER_KEYS); boolean flags mean 1. */
const FLAGS: Record<string, string> = {
  village: 'village', type: 'type', category: 'category', relocated: 'relocated', below: 'below', decreased: 'decreased',
  'min-per-capita': 'min', 'max-per-capita': 'max', q: 'q', sort: 'sort', dir: 'dir',
  sex: 'sex', labour: 'labour', 'work-place': 'place', 'welfare-post': 'post', 'min-age': 'minAge', 'max-age': 'maxAge',
};
const BOOL_FLAGS = new Set(['below', 'decreased', 'welfare-post']);

export const LIST_OPTIONS = Object.fromEntries([
  ...Object.keys(FLAGS).map((f) => [f, { type: BOOL_FLAGS.has(f) ? 'boolean' : 'string' }]),
  ['filter', { type: 'string' }], ['members', { type: 'boolean' }],
]) as Record<string, { type: 'string' | 'boolean' }>;

function pairs(args: ParsedCli, members: boolean): Array<[string, string]> {
  const keys: Record<string, string> = members ? MEMBER_KEYS : HOUSEHOLD_KEYS;
  const out: Array<[string, string]> = [...new URLSearchParams(optionalString(args, 'filter') ?? '').entries()];
  const add = (key: string, value: string, flag: string): void => {
    if (!(key in keys)) throw new UsageError(`--${flag} 不适用于${members ? '成员' : '户'}列表`);
    out.push([key, value]);
  };
  for (const name of ['county', 'township', 'year']) {
    const v = optionalString(args, name);
    if (v !== undefined) add(name, v, name);
  }
  for (const [flag, key] of Object.entries(FLAGS)) {
    const v = args.values[flag];
    if (v === true) add(key, '1', flag);
    else if (typeof v === 'string' && v !== '') add(key, v, flag);
  }
  return out;
}

export async function runListExport(args: ParsedCli, io: CliIo): Promise<number> {
  const dbPath = requireString(args, 'db');
  const out = targetOption(args, 'xlsx');
  const members = args.values.members === true;
  const showIds = args.values['show-ids'] === true;
  const reason = optionalString(args, 'reason');
  if (showIds && !reason) throw new UsageError('--show-ids 必须同时用 --reason 说明理由（理由将记入审计日志）');
  let request;
  try {
    const p = pairs(args, members);
    request = members
      ? { list: 'members' as const, filter: parseMemberFilter(p), showIds, reason }
      : { list: 'households' as const, filter: parseHouseholdFilter(p), showIds, reason };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  const operator = optionalString(args, 'operator');
  const session = openSession(dbPath, { mustExist: true, ...(operator ? { operator } : {}) });
  try {
    const r = await exportList(session.ctx, request, out);
    io.out(`已导出 ${r.title} 到 ${r.path}：${formatInt(r.rows)} ${members ? '人' : '户'}\n${r.filterLine}${r.fullIds ? '\n含完整证件号码，已记入审计日志' : ''}`);
    return 0;
  } finally {
    await session.close();
  }
}
