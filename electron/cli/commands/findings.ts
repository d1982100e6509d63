/**
 * `findings [export|answer|set|closure] --db FILE …`: list findings, write a township's workbook,
 * read its answers, close one by hand (已整改 / 豁免 with a reason / 误报, or reopen), and print the
 * closure rate per township and rule.
 */
import { resolve } from 'node:path';
import { FINDING_STATE_LABELS, FINDING_STATES, SETTABLE_STATES, type FindingState } from '../../../shared/checks/catalogue.ts';
import type { ProgressRowDto } from '../../../shared/api/checks.ts';
import type { Session } from '../../services/session.ts';
import { openSession } from '../../services/session.ts';
import { optionalString, optionalYear, printJson, requireString, UsageError, type CliIo, type Command, type ParsedCli } from '../command.ts';
import { cliOperator } from './import.ts';

/** Accepts the code (exempt) or the label a steward reads (豁免). */
function stateArg<S extends FindingState>(v: string | undefined, allowed: readonly S[]): S | undefined {
  if (v === undefined) return undefined;
  const byLabel = allowed.find((s) => FINDING_STATE_LABELS[s] === v);
  if (byLabel) return byLabel;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--state 只能是 ${allowed.map((s) => `${s}（${FINDING_STATE_LABELS[s]}）`).join('、')}，收到：${v}`);
  }
  return v as S;
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const progressLine = (r: ProgressRowDto): string =>
  `${r.code}\t${r.name}\t共 ${r.total}\t待整改 ${r.open}\t已整改 ${r.fixed}\t豁免 ${r.exempt}\t误报 ${r.falsePositive}\t数据已更正 ${r.closedByData}\t闭环率 ${pct(r.rate)}`;

async function setState(s: Session, args: ParsedCli, io: CliIo, id: string | undefined): Promise<number> {
  if (!id || !/^\d+$/.test(id)) throw new UsageError('请给出问题编号：findings set ID --state S [--reason TEXT]');
  const state = stateArg(requireString(args, 'state'), SETTABLE_STATES) as (typeof SETTABLE_STATES)[number];
  const reason = optionalString(args, 'reason');
  if (state === 'exempt' && !reason?.trim()) throw new UsageError('豁免须写明理由：--reason TEXT');
  const [f] = await s.call('checks:set-state', { id: Number(id), state, ...(reason ? { reason } : {}) });
  if (args.values.json) { printJson(io, f); return 0; }
  io.out(`问题 ${id}（${f?.rule ?? ''} ${f?.householdCode ?? ''}）已标为“${FINDING_STATE_LABELS[state]}”${reason ? `：${reason}` : ''}`);
  return 0;
}

async function closure(s: Session, args: ParsedCli, io: CliIo): Promise<number> {
  const year = optionalYear(args);
  const township = optionalString(args, 'township');
  const p = await s.call('checks:progress', { ...(year ? { year } : {}), ...(township ? { township } : {}) });
  if (args.values.json) { printJson(io, p); return 0; }
  if (p.townships.length === 0) { io.out('还没有核查问题（先运行 checks run）'); return 0; }
  io.out('按乡镇：');
  for (const r of p.townships) io.out(`  ${progressLine(r)}`);
  io.out('按规则：');
  for (const r of p.rules) io.out(`  ${progressLine(r)}`);
  return 0;
}

async function list(s: Session, args: ParsedCli, io: CliIo): Promise<number> {
  const year = optionalYear(args);
  const rows = await s.call('checks:findings', {
    township: optionalString(args, 'township'), rule: optionalString(args, 'rule'), state: stateArg(optionalString(args, 'state'), FINDING_STATES), ...(year ? { year } : {}),
  });
  if (args.values.json) { printJson(io, rows); return 0; }
  for (const f of rows) {
    const closedBy = f.state === 'closed_by_data' && f.closedBatchId ? `（导入批次 ${f.closedBatchId}）` : '';
    io.out(`${f.id}\t${f.rule}\t${f.townshipName ?? f.townshipCode ?? ''}\t${f.householdCode ?? ''}\t${f.memberName ?? ''}\t${f.memberId ?? ''}\t${FINDING_STATE_LABELS[f.state]}${closedBy}\t${f.message}${f.reason ? `\t${f.reason}` : ''}`);
  }
  return 0;
}

export const findingsCommand: Command = {
  name: 'findings',
  summary: '核查问题：按乡镇、规则、状态列出；导出乡镇核查清单；导入乡镇答复；标记整改、豁免、误报；闭环率',
  usage: 'findings --db FILE [--township CODE] [--rule CODE] [--state S] [--json] | findings export --db FILE --township CODE --out F.xlsx | findings answer FILE --db FILE | findings set ID --state fixed|exempt|false_positive|open [--reason TEXT] --db FILE | findings closure --db FILE [--year YYYY] [--township CODE] [--json]',
  options: {
    db: { type: 'string' }, township: { type: 'string' }, rule: { type: 'string' }, state: { type: 'string' }, reason: { type: 'string' }, year: { type: 'string' },
    out: { type: 'string' }, json: { type: 'boolean' }, operator: { type: 'string' },
  },
  async run(args, io) {
    const [verb, target] = args.positionals;
    const s = openSession(requireString(args, 'db'), { mustExist: true, operator: cliOperator(args) });
    try {
      if (verb === 'export') {
        const r = await s.call('checks:export-township', { township: requireString(args, 'township'), out: resolve(requireString(args, 'out')) });
        io.out(`已导出 ${r.findings} 个问题到 ${r.path ?? ""}（证件号码已脱敏）`);
        return 0;
      }
      if (verb === 'answer') {
        if (!target) throw new UsageError('请给出答复文件：findings answer FILE');
        const r = await s.call('checks:answer', { path: resolve(target) });
        io.out(`已导入答复：更新 ${r.updated} 个问题的状态，${r.unchanged} 个未变`);
        return 0;
      }
      if (verb === 'set') return await setState(s, args, io, target);
      if (verb === 'closure') return await closure(s, args, io);
      if (verb !== undefined) throw new UsageError(`未知的子命令：${verb}`);
      return await list(s, args, io);
    } finally {
      await s.close();
    }
  },
};
