/**
 * The CLI is a third adapter over the same services (after ipcMain and the e2e bridge). Each
 * command lives in its own file under commands/ and declares its options for node:util parseArgs.
 */
import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface ParsedCli {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line of Chinese help, then the usage. */
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code: 0 success, 1 partial (e.g. rows refused), 2 bad usage or unreadable input. */
  run(args: ParsedCli, io: CliIo): Promise<number>;
}

export class UsageError extends Error {}

export function requireString(args: ParsedCli, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${name}`);
  return v;
}

export function optionalString(args: ParsedCli, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function optionalYear(args: ParsedCli, name = 'year'): number | undefined {
  const v = optionalString(args, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--${name} 应为四位年份，收到：${v}`);
  return Number(v);
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
