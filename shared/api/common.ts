import { z } from 'zod';

/** Bounded primitives: every string and number that crosses IPC has a limit, so a hostile renderer cannot send 1 GB. */
export const Year = z.number().int().min(2000).max(2100);
export const RegionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码应为 6、9 或 12 位数字');
export const ShortText = z.string().max(200);
export const LongText = z.string().max(10_000);
export const FilePath = z.string().min(1).max(4096);
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
