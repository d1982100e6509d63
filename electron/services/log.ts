/**
 * The main process's log, for a support call: internal errors (with their stack) and long jobs
 * (start, end, duration). The app writes a rotating file in its app-data folder; the CLI writes to
 * stderr when run with --verbose; by default (tests, plain CLI) nothing is written.
 *
 * No personal data: the log never takes call arguments, and every message is scrubbed before it is
 * written — digit runs of 6 or more (ID numbers, phone numbers, bank accounts) and every run of
 * Chinese characters (names, places, free text) are replaced, so an error that quotes a household
 * cannot carry it into the file.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** One file of 1 MB and two older ones: months of errors and jobs, small enough to e-mail. */
const LOG_FILE_BYTES = 1024 * 1024;
const LOG_FILES_KEPT = 3;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Sink = (line: string) => void;

let sinks: Sink[] = [];
let minLevel: LogLevel = 'info';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Replaces whatever could identify a person; keeps the shape of the text (code, English words). */
export function scrub(text: string): string {
  return text
    .replace(/\d[\d\s-]{4,}[\dXx]/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '[digits]' : m))
    .replace(/[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu, '[text]');
}

/** A rotating file: at `maxBytes` the file becomes `.1`, `.1` becomes `.2`, … up to `keep` files. */
function fileSink(path: string, maxBytes: number, keep: number): Sink {
  mkdirSync(dirname(path), { recursive: true });
  return (line) => {
    try {
      if (existsSync(path) && statSync(path).size + line.length > maxBytes) {
        rmSync(`${path}.${keep - 1}`, { force: true });
        for (let i = keep - 2; i >= 1; i--) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
        renameSync(path, `${path}.1`);
      }
      appendFileSync(path, line);
    } catch {
      // A full or read-only disk must not turn a logged error into a second, unhandled one.
    }
  };
}

/** Where the log goes: a file (the app), stderr (the CLI with --verbose), both or neither. */
export function configureLog(opts: { file?: string; stderr?: boolean; level?: LogLevel; maxBytes?: number; keep?: number }): void {
  sinks = [];
  if (opts.file) sinks.push(fileSink(opts.file, opts.maxBytes ?? LOG_FILE_BYTES, opts.keep ?? LOG_FILES_KEPT));
  if (opts.stderr) sinks.push((line) => process.stderr.write(line));
  minLevel = opts.level ?? 'info';
}

/** Fields the code itself makes (a random job id), never user text. */
const UNSCRUBBED = new Set(['jobId']);

function write(level: LogLevel, event: string, fields: Record<string, string | number | boolean | null | undefined>): void {
  if (sinks.length === 0 || ORDER[level] < ORDER[minLevel]) return;
  const parts = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${JSON.stringify(typeof v === 'string' && !UNSCRUBBED.has(k) ? scrub(v) : v)}`);
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${scrub(event)}${parts.length ? ` ${parts.join(' ')}` : ''}\n`;
  for (const sink of sinks) sink(line);
}

export const log = {
  debug: (event: string, fields: Record<string, string | number | boolean | null | undefined> = {}) => write('debug', event, fields),
  info: (event: string, fields: Record<string, string | number | boolean | null | undefined> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, string | number | boolean | null | undefined> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, string | number | boolean | null | undefined> = {}) => write('error', event, fields),
};

/** An error's class, code, scrubbed message and stack frames (paths and lines only), for the log. */
export function errorFields(e: unknown): Record<string, string | undefined> {
  if (!(e instanceof Error)) return { error: typeof e, message: String(e).slice(0, 500) };
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
  return { error: e.name, code: (e as { code?: unknown }).code?.toString(), message: e.message.slice(0, 500), stack: frames.join(' | ') };
}
