/**
 * `case open|advance|show|rules|calendar`: one 监测对象 record. Writing verbs need an operator
 * (--operator or the name saved in 设置); a refused step exits 2 with the reason on stderr.
 */
import { CASE_SOURCES, type CaseSource } from '../../../shared/cases/states.ts';
import { MONITORING_CATEGORIES, RISK_TYPES, type MonitoringCategory } from '../../../shared/domain/plans.ts';
import type { ApiArgs } from '../../../shared/api/index.ts';
import { resolve } from 'node:path';
import { openSession, type Session } from '../../services/session.ts';
import { optionalString, printJson, requireString, UsageError, type Command, type ParsedCli } from '../command.ts';
import { dateArg, stateArg } from './cases.ts';
import { printCase } from './cases-print.ts';
import { caseMonthly } from './case-monthly.ts';
import { caseRulesVerb } from './case-rules.ts';
import { targetOption } from './targets.ts';

const CONFIRM: Record<string, 'threeGuarantees' | 'drinkingWater' | 'noRisk'> = { 三保障: 'threeGuarantees', 饮水: 'drinkingWater', 无风险: 'noRisk' };

function oneOf<T extends string>(v: string | undefined, list: readonly T[], flag: string): T | undefined {
  if (v === undefined) return undefined;
  if (!(list as readonly string[]).includes(v)) throw new UsageError(`${flag} 只能是 ${list.join('、')}，收到：${v}`);
  return v as T;
}

function idArg(v: string | undefined): number {
  if (!v || !/^\d+$/.test(v)) throw new UsageError(`请给出监测记录编号，收到：${v ?? '（无）'}`);
  return Number(v);
}

function confirmArg(v: string | undefined): ApiArgs<'cases:advance'>['confirm'] {
  if (v === undefined) return undefined;
  const out: Record<string, boolean> = {};
  for (const part of v.split(/[,，、]/).map((x) => x.trim()).filter(Boolean)) {
    const key = CONFIRM[part];
    if (!key) throw new UsageError(`--confirm 只能列出 ${Object.keys(CONFIRM).join('、')}，收到：${part}`);
    out[key] = true;
  }
  return out;
}

async function open(s: Session, args: ParsedCli): Promise<unknown> {
  const code = requireString(args, 'household');
  const h = s.ctx.db.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: number } | undefined;
  if (!h) throw new UsageError(`台账中没有户编号 ${code}`);
  const risks = optionalString(args, 'risk')?.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
  return s.call('cases:open', {
    householdId: h.id, source: oneOf<CaseSource>(requireString(args, 'source'), CASE_SOURCES, '--source')!,
    date: dateArg(optionalString(args, 'date'), '--date') ?? localToday(),
    category: oneOf<MonitoringCategory>(optionalString(args, 'category'), MONITORING_CATEGORIES, '--category'),
    riskTypes: risks?.map((r) => oneOf(r, RISK_TYPES, '--risk')!), note: optionalString(args, 'note'),
  });
}

async function advance(s: Session, args: ParsedCli, id: number): Promise<unknown> {
  return s.call('cases:advance', {
    id, to: stateArg(requireString(args, 'to'), '--to')!, date: dateArg(optionalString(args, 'date'), '--date') ?? localToday(),
    note: optionalString(args, 'note'), category: oneOf<MonitoringCategory>(optionalString(args, 'category'), MONITORING_CATEGORIES, '--category'),
    confirm: confirmArg(optionalString(args, 'confirm')), method: oneOf(optionalString(args, 'method'), ['帮扶消除', '自然消除'] as const, '--method'),
  });
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const caseCommand: Command = {
  name: 'case',
  summary: '一户监测记录：登记线索、推进步骤（入户核实…风险消除/不予纳入）、查看；时限与工作日历',
  usage: 'case open --db FILE --household CODE --source 一键报贫|排查|部门比对|台账预警 [--date D] [--category C] [--risk 因病,因残] [--note T] --operator N'
    + ' | case advance ID --to STATE --db FILE --operator N [--date D] [--note T] [--category C] [--method 帮扶消除|自然消除] [--confirm 三保障,饮水,无风险]'
    + ' | case show ID --db FILE [--json] | case rules --db FILE [--json] | case notice --db FILE --village CODE --out F.xlsx [--force]'
    + ' | case file ID --db FILE --out F.xlsx [--force] [--show-ids --reason TEXT]'
    + ' | case monthly --db FILE --month YYYY-MM [--county CODE] [--out F.xlsx [--force]] [--json]'
    + ' | case rule homeCheckDays|identifyDays|noticeMinDays --days N [--source T] --db FILE --operator N'
    + ' | case calendar --year YYYY --db FILE [--json] | case day YYYY-MM-DD --kind 休|班|普通 [--name T] --db FILE --operator N',
  options: {
    db: { type: 'string' }, household: { type: 'string' }, source: { type: 'string' }, date: { type: 'string' }, category: { type: 'string' },
    risk: { type: 'string' }, note: { type: 'string' }, to: { type: 'string' }, method: { type: 'string' }, confirm: { type: 'string' }, json: { type: 'boolean' },
    village: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, 'show-ids': { type: 'boolean' }, reason: { type: 'string' },
    month: { type: 'string' }, county: { type: 'string' }, days: { type: 'string' }, year: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' },
  },
  async run(args, io) {
    const [verb, idText] = args.positionals;
    const s = openSession(requireString(args, 'db'), { mustExist: true, operator: optionalString(args, 'operator') });
    try {
      let r: unknown;
      if (verb === 'open') r = await open(s, args);
      else if (verb === 'advance') r = await advance(s, args, idArg(idText));
      else if (verb === 'show') r = await s.call('cases:get', { id: idArg(idText) });
      else if (verb === 'notice') {
        const n = (await s.call('cases:exportNotice', { village: requireString(args, 'village'), out: resolve(requireString(args, 'out')), force: args.values.force === true }))!;
        io.out(`已导出 ${n.villageName} 公示名单 ${n.rows} 户到 ${n.path}（不含身份证号码、电话和健康状况）`);
        return 0;
      } else if (verb === 'file') {
        const f = (await s.call('cases:exportFile', {
          id: idArg(idText), out: resolve(targetOption(args, 'xlsx')), force: args.values.force === true,
          showIds: args.values['show-ids'] === true, reason: optionalString(args, 'reason'),
        }))!;
        io.out(`已导出监测档案（步骤 ${f.steps} 个，帮扶措施 ${f.measures} 项${f.fullIds ? '，含完整证件号码，已记入审计日志' : '，证件号码已遮蔽'}）到 ${f.path}`);
        return 0;
      } else if (verb === 'monthly') {
        await caseMonthly(s, args, io);
        return 0;
      } else if (await caseRulesVerb(s, verb, idText, args, io)) {
        return 0;
      } else throw new UsageError(verb ? `未知的子命令：${verb}` : '请给出子命令：open、advance、show、file、monthly、notice、rules、rule、calendar 或 day');
      if (args.values.json) printJson(io, r);
      else printCase(io, r as Parameters<typeof printCase>[1]);
      return 0;
    } finally {
      await s.close();
    }
  },
};
