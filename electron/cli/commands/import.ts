/**
 * `import FILE... --db FILE [--year YYYY] [--dry-run] [--clear-blanks] [--accept-mismatch] [--json] [--errors-out FILE.xlsx]`:
 * the same services the window uses. Exit 0 when everything was imported, 1 when rows were refused
 * or a file was stopped by the consistency gate, 2 when a file could not be read or the usage was wrong.
 */
import { userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import { isFileFailure, type FileOutcome, type FileReport } from '../../../shared/api/import.ts';
import { openSession, type Session } from '../../services/session.ts';
import { optionalString, optionalYear, printJson, requireString, UsageError, type CliIo, type Command, type ParsedCli } from '../command.ts';

export function cliOperator(args: ParsedCli): string {
  const given = optionalString(args, 'operator');
  if (given) return given;
  try {
    return userInfo().username || '命令行';
  } catch {
    return '命令行';
  }
}

function jsonOf(o: FileOutcome): unknown {
  if (isFileFailure(o)) return { file: o.file, error: o.error };
  return { file: o.file, batchId: o.batchId, county: o.county, township: o.township, year: o.year, households: o.households, members: o.members, blanks: o.blanks, consistency: o.consistency, changeCount: o.changeCount, changes: o.changes, errors: o.errors, warnings: o.warnings, unmappedColumns: o.unmappedColumns };
}

/** Figures not stored as the file wrote them, per kind, with the rule that says which one is kept. */
function printTotals(io: CliIo, o: FileReport): void {
  for (const c of o.consistency.checks.filter((x) => x.mismatched > 0)) {
    io.out(`  合计不一致：${c.label} ${c.mismatched}/${c.compared} 户（${c.rule}）`);
  }
}

function printText(io: CliIo, o: FileOutcome): void {
  if (isFileFailure(o)) return io.err(`✗ ${o.file}：${o.error.message}`);
  if (o.consistency.blocked) io.err(`✗ ${o.file}${o.dryRun ? '（试导入）' : ''}：${o.consistency.message ?? ''}`);
  else if (o.consistency.message) io.out(`△ 已接受：${o.consistency.message}`);
  printTotals(io, o);
  if (o.changeCount) io.out(`  修改 ${o.changeCount} 个值${o.changes[0] ? `，如：${o.changes[0].householdCode} ${o.changes[0].member ?? ''} ${o.changes[0].field} ${o.changes[0].old ?? '（空）'} → ${o.changes[0].new ?? '（空）'}` : ''}（完整列表见 --json 或 --errors-out）`);
  const c = (x: FileReport['households']): string => `新增 ${x.added}，更新 ${x.updated}，未变 ${x.unchanged}，拒绝 ${x.refused}`;
  const state = o.batchId ? `批次 #${o.batchId}` : o.dryRun ? '试导入，未写入' : o.consistency.blocked ? '合计不一致，已停止，未写入' : '无变化，未写入';
  io.out(`${o.errorCount ? '△' : '✓'} ${o.file}（${o.county ?? '?'}${o.township ?? '?'}，${o.year ?? '?'} 年）${state}`);
  io.out(`  户：${c(o.households)}`);
  io.out(`  人：${c(o.members)}${o.members.removed ? `，移除 ${o.members.removed}（更正后的名单中已不再列出）` : ''}`);
  for (const sp of o.sheets) if (sp.layoutNote) io.out(`  工作表“${sp.name}”：${sp.layoutNote}`);
  if (o.blanks.kept) io.out(`  空白单元格：${o.blanks.kept} 处台账已有值未被清空（空白视为未填报；确需清空请加 --clear-blanks）`);
  if (o.blanks.cleared) io.out(`  空白单元格：已按 --clear-blanks 清空台账中的 ${o.blanks.cleared} 处值`);
  for (const u of o.unmappedColumns.filter((x) => x.looksNumeric)) io.out(`  未导入的数字列 ${u.sheet} ${u.column}“${u.header}”${u.suggestion ? `（建议：${u.suggestion.reason}，需用映射确认）` : ''}`);
  for (const e of o.errors.slice(0, 20)) io.out(`  错误 ${e.sheet} 第 ${e.row} 行 ${e.column}：${e.message}`);
  if (o.errorCount > 20) io.out(`  ……共 ${o.errorCount} 处错误`);
  if (o.warningCount) io.out(`  提示 ${o.warningCount} 处${o.warningCount > 0 ? `，如：第 ${o.warnings[0]!.row} 行 ${o.warnings[0]!.message}` : ''}`);
}

interface ErrorBookOptions { year: number | undefined; reason: string | undefined }

async function writeErrorBooks(s: Session, outcomes: FileOutcome[], out: string, opts: ErrorBookOptions, io: CliIo): Promise<void> {
  const withIssues = outcomes.filter((o): o is FileReport => !isFileFailure(o) && o.errorCount + o.warningCount > 0);
  for (const o of withIssues) {
    const target = withIssues.length === 1 ? out : out.replace(/(\.xlsx)?$/i, `-${basename(o.file, extname(o.file))}.xlsx`);
    const full = opts.reason !== undefined;
    await s.call('import:errorWorkbook', { path: o.path, out: target, ...(opts.year ? { year: opts.year } : {}), ...(full ? { fullIds: true, reason: opts.reason } : {}) });
    io.err(`错误说明已写入：${target}${full ? '（含完整证件号码，已记入审计日志）' : '（证件号码已脱敏）'}`);
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: '导入乡镇报来的 .xlsx / .xls / .et / .ods / .xlsb / XML 2003 / .csv / .txt 表格（逐行校验，每个文件一个事务，可撤销）',
  usage: 'import FILE... --db FILE [--year YYYY] [--dry-run] [--clear-blanks] [--accept-mismatch] [--json] [--errors-out FILE.xlsx [--show-ids --reason TEXT]]',
  options: {
    db: { type: 'string' }, year: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'clear-blanks': { type: 'boolean' }, 'accept-mismatch': { type: 'boolean' },
    json: { type: 'boolean' }, 'errors-out': { type: 'string' }, 'show-ids': { type: 'boolean' }, reason: { type: 'string' },
  },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    if (args.positionals.length === 0) throw new UsageError('请给出至少一个要导入的文件');
    const year = optionalYear(args);
    const errorsOut = optionalString(args, 'errors-out');
    const reason = optionalString(args, 'reason');
    if (args.values['show-ids'] && (!errorsOut || !reason)) throw new UsageError('--show-ids 只用于 --errors-out 错误说明工作簿，并且必须用 --reason 说明理由（记入审计日志）');
    const s = openSession(dbPath, { mustExist: true, operator: cliOperator(args) });
    try {
      const paths = args.positionals;
      const { jobId } = await s.call(args.values['dry-run'] ? 'import:preview' : 'import:commit', { paths, ...(year ? { year } : {}), ...(args.values['clear-blanks'] ? { clearBlanks: true } : {}),
        ...(args.values['accept-mismatch'] ? { acceptMismatch: true } : {}) });
      const outcomes = await s.call('import:result', { jobId });
      if (args.values.json) printJson(io, outcomes.map(jsonOf));
      else outcomes.forEach((o) => printText(io, o));
      if (errorsOut) await writeErrorBooks(s, outcomes, errorsOut, { year, reason: args.values['show-ids'] ? reason : undefined }, io);
      if (outcomes.some(isFileFailure)) return 2;
      return outcomes.some((o) => !isFileFailure(o) && (o.errorCount > 0 || o.consistency.blocked)) ? 1 : 0;
    } finally {
      await s.close();
    }
  },
};
