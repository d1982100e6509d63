/**
 * No message a user can see carries an API method name, a program key or English (issue #19): the
 * argument check of every method in the API table is fed wrong payloads, and unexpected and system
 * errors are turned into messages; each must be Chinese with no Latin word of three letters or more.
 */
import { describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../shared/api/index.ts';
import { AppError, toErrorDto } from '../../../shared/errors.ts';
import { describeIssues, isReadableMessage, systemReason } from '../../../shared/humanize-error.ts';
import { parseArgs } from '../../../electron/services/dispatch.ts';

const METHODS = Object.keys(api) as MethodName[];
// YYYY-MM-DD is how a date field asks for its format; nothing else Latin may appear.
const ENGLISH = /[A-Za-z]{3,}/;
const latin = (m: string): string => m.replace(/YYYY-MM-DD/g, '');

function shapeOf(schema: unknown): Record<string, unknown> {
  const s = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } };
  if (s.shape) return s.shape;
  if (s.def?.innerType) return shapeOf(s.def.innerType);
  if (s.def?.in) return shapeOf(s.def.in);
  return {};
}

/** Wrong payloads for one method: not an object, an unknown key, each key with wrong kinds of value. */
function badPayloads(name: MethodName): unknown[] {
  const out: unknown[] = ['x', [1], { zzUnknownKey: 1 }];
  for (const key of Object.keys(shapeOf(api[name].args))) {
    for (const v of [{ bad: true }, 'x'.repeat(1_100), -1e15, 1.2345, '']) out.push({ [key]: v });
  }
  return out;
}

function refusal(name: MethodName, payload: unknown): string | null {
  try {
    parseArgs(name, payload);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
}

describe('user-facing messages', () => {
  it('argument errors of every API method are Chinese and name no method or key', () => {
    let checked = 0;
    for (const name of METHODS) {
      for (const payload of badPayloads(name)) {
        const msg = refusal(name, payload);
        if (msg === null) continue;
        checked += 1;
        expect(latin(msg), `${name} ${JSON.stringify(payload).slice(0, 80)}`).not.toMatch(ENGLISH);
        expect(msg).toMatch(/^填写的内容不正确：/);
        for (const m of METHODS) expect(msg.includes(m)).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(METHODS.length * 5);
  }, 30_000); // ~2,000 payloads; seconds on a machine shared by several test runs

  it('names the field as the form does: an income part below zero', () => {
    const msg = refusal('ledger:upsertIncome', { income: { householdId: 1, year: 2024, size: 3, wage: 0, welfarePostWage: -5, businessGross: 0, businessExpense: 0, property: 0, transfer: 0 } });
    expect(msg).toBe('填写的内容不正确：收入·公益性岗位工资不能小于 0');
  });

  it('keeps a Chinese message written in the schema and replaces zod’s English ones', () => {
    expect(describeIssues([{ code: 'custom', path: ['reason'], message: '豁免须填写理由' }])).toBe('填写的内容不正确：原因：豁免须填写理由');
    expect(describeIssues([{ code: 'too_big', path: ['note'], message: 'Too big: expected string to have <=200 characters', origin: 'string', maximum: 200 }]))
      .toBe('填写的内容不正确：说明最多 200 个字');
    expect(describeIssues([{ code: 'invalid_type', path: ['someNewKey'], message: 'Invalid input: expected number, received string', expected: 'number' }]))
      .toBe('填写的内容不正确：某一项应为数字');
  });

  it('an unexpected error shows a Chinese message and keeps its English text for support only', () => {
    const dto = toErrorDto(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(dto.code).toBe('internal');
    expect(dto.message).not.toMatch(ENGLISH);
    expect(dto.details).toEqual({ cause: "Cannot read properties of undefined (reading 'id')" });
  });

  it('system failures are given their cause in Chinese, never Node’s text', () => {
    const err = Object.assign(new Error("EACCES: permission denied, open 'C:\\\\data\\\\a.xlsx'"), { code: 'EACCES' });
    expect(systemReason(err)).toBe('没有权限（文件可能为只读，或正被 WPS / Excel 打开）');
    expect(systemReason(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_VTAB' }))).toBe('数据库文件已损坏');
    expect(systemReason(new Error('weird'))).toBe('系统未给出可读的原因');
  });

  it('tells readable messages from technical ones', () => {
    expect(isReadableMessage('无法保存图片到 C:\\Users\\zhang\\图表.png：磁盘空间不足')).toBe(true);
    expect(isReadableMessage('文件“township report.xlsx”第 3 行：证件号码校验位不正确')).toBe(true);
    expect(isReadableMessage('参数不正确（ledger:upsertIncome）：income.welfarePostWage')).toBe(false);
    expect(isReadableMessage('Cannot read properties of undefined')).toBe(false);
  });
});
