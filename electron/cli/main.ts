/**
 * `npm run cli -- <command> [options]`. Exit codes: 0 success, 1 partial success (rows refused),
 * 2 bad usage or an unreadable database/file; messages in Chinese on stderr.
 */
import { parseArgs } from 'node:util';
import { setAuditKeyPath } from '../db/audit-key.ts';
import { AppError, toErrorDto } from '../../shared/errors.ts';
import { configureLog, errorFields, log } from '../services/log.ts';
import { UsageError, type CliIo } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { useKeyFile, useRecoveryKeyFile } from './key.ts';

const USAGE_CODES = new Set(['validation', 'db-unreadable', 'db-newer', 'file-unreadable', 'file-type', 'file-too-large', 'not-found', 'operator-required', 'db-network-path']);

function help(print: (t: string) => void): void {
  print('用法：npm run cli -- <命令> [选项]\n');
  for (const c of COMMANDS) print(`  ${c.usage}\n      ${c.summary}`);
}

const HELP_NAMES = new Set(['help', '--help', '-h']);

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    // Asked-for help is a success on stdout; a missing or unknown command is bad usage.
    if (name && HELP_NAMES.has(name)) {
      help(io.out);
      return 0;
    }
    if (name) io.err(`未知命令：${name}`);
    help(io.err);
    return 2;
  }
  try {
    const parsed = parseArgs({ args: rest, options: { ...command.options, operator: { type: 'string' }, 'key-file': { type: 'string' }, 'recovery-key-file': { type: 'string' }, 'audit-key-file': { type: 'string' }, verbose: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (parsed.values['key-file'] !== undefined && parsed.values['recovery-key-file'] !== undefined) throw new UsageError('--key-file 与 --recovery-key-file 只能用一个。');
    useKeyFile(parsed.values['key-file']);
    useRecoveryKeyFile(parsed.values['recovery-key-file']);
    // The audit chain's HMAC key (db/audit-key.ts); default: the per-user key file.
    if (typeof parsed.values['audit-key-file'] === 'string') setAuditKeyPath(parsed.values['audit-key-file']);
    // --verbose: the log (jobs, internal errors, scrubbed like the app's file) on stderr.
    if (parsed.values.verbose) configureLog({ stderr: true, level: 'debug' });
    return await command.run(parsed, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n用法：npm run cli -- ${command.usage}`);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(e.message);
      return USAGE_CODES.has(e.code) ? 2 : 1;
    }
    log.error('cli failed', { command: command.name, ...errorFields(e) });
    // Never Node's English text: the DTO names a system cause in Chinese (or says it is unexpected).
    io.err(toErrorDto(e).message);
    return 2;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  // Output piped into `head` closes the pipe early: that is the reader being done, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  const io: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
