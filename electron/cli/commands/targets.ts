/** Options every export command checks alike: region codes, and the target file (never replaced without --force). */
import { existsSync } from 'node:fs';
import { RegionCode } from '../../../shared/api/common.ts';
import { requireString, UsageError, type ParsedCli } from '../command.ts';

export function regionOption(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !RegionCode.safeParse(value).success) throw new UsageError(`--${name} 应为 6、9 或 12 位区划代码，收到：${value}`);
  return value;
}

/** Every export refuses to replace an existing file unless --force says so. */
export function targetOption(args: ParsedCli, ext: 'xlsx' | 'docx'): string {
  const out = requireString(args, 'out');
  if (!new RegExp(`\\.${ext}$`, 'i').test(out)) throw new UsageError(`--out 应为 .${ext} 文件，收到：${out}`);
  if (existsSync(out) && args.values.force !== true) throw new UsageError(`文件已存在：${out}（确认要覆盖请加 --force）`);
  return out;
}

