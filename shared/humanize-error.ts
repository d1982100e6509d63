/**
 * Turning what a program reports into what a steward reads. A zod issue ("income.welfarePostWage:
 * Too small: expected number to be >=0") becomes "公益性岗位工资不能小于 0"; a system error
 * ("EACCES: permission denied, open …") becomes its cause in Chinese. No message the user sees
 * carries an API method name, a program key or English (tests/unit/shared/humanize-error.test.ts).
 */
import { fieldPathLabel } from './field-labels.ts';

/** The parts of a zod (v4) issue this reads; structural, so shared/ need not depend on zod's types. */
export interface IssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  keys?: readonly string[];
  values?: readonly unknown[];
  divisor?: unknown;
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字', int: '整数', string: '文字', boolean: '是或否', array: '列表', object: '一组内容', date: '日期', bigint: '整数',
};

/**
 * Is this text fit for the steward as it is: Chinese, with no English words, program keys or method
 * names? File names and paths are allowed (a message must name the file), so are the few Latin
 * words stewards use (WPS, Excel, ID, xlsx…).
 */
export function isReadableMessage(m: string): boolean {
  if (!/[\u4e00-\u9fff]/.test(m)) return false;
  const outsideQuotes = m.replace(/“[^”]*”|「[^」]*」|(?:[A-Za-z]:)?[\\/][^\s，。；：）]*|[\w.-]+\.(?:xlsx|xlsm|xls|et|ods|xlsb|csv|txt|docx|db|sqlite|png|xml)\b/gi, '');
  const words = outsideQuotes.match(/[A-Za-z][A-Za-z_]{2,}(?::[A-Za-z-]+)?/g) ?? [];
  return words.every((w) => ALLOWED_WORDS.has(w.toLowerCase()));
}
const ALLOWED_WORDS: ReadonlySet<string> = new Set(['wps', 'excel', 'xlsx', 'xlsm', 'xls', 'xlsb', 'ods', 'csv', 'txt', 'docx', 'utf', 'gbk', 'sqlite', 'xml', 'html', 'zip', 'png', 'yyyy', 'cli']);
const isOurs = isReadableMessage;

function bound(i: IssueLike, big: boolean): string {
  const n = big ? i.maximum : i.minimum;
  const num = typeof n === 'bigint' ? Number(n) : (n as number);
  if (i.origin === 'string') return big ? `最多 ${num} 个字` : num <= 1 ? '不能为空' : `至少 ${num} 个字`;
  if (i.origin === 'array' || i.origin === 'set') return big ? `最多 ${num} 项` : `至少 ${num} 项`;
  const rel = big ? (i.inclusive === false ? '应小于' : '不能大于') : (i.inclusive === false ? '应大于' : '不能小于');
  return `${rel} ${num}`;
}

function issueText(i: IssueLike): string {
  if (isOurs(i.message)) return i.message;
  switch (i.code) {
    case 'invalid_type': return i.expected === undefined || i.expected === 'undefined' ? '不应填写' : `应为${TYPE_NAMES[String(i.expected)] ?? '其他内容'}`;
    case 'too_small': return bound(i, false);
    case 'too_big': return bound(i, true);
    case 'not_multiple_of': return i.divisor === 0.01 ? '最多两位小数（到分）' : `应为 ${String(i.divisor)} 的整数倍`;
    case 'invalid_format': return '格式不正确';
    case 'invalid_value': return '不是可选的内容之一';
    case 'unrecognized_keys': return `含有${i.keys?.length ?? 1}项无法识别的内容`;
    case 'invalid_union': return '内容不正确';
    default: return '内容不正确';
  }
}

/** One readable sentence for up to five issues. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const field = fieldPathLabel(i.path);
    // Our own sentences stand after a colon; zod's replaced ones continue the field's name.
    return field ? `${field}${isOurs(i.message) ? '：' : ''}${issueText(i)}` : issueText(i);
  });
  const more = issues.length > 5 ? `等 ${issues.length} 处` : '';
  return `填写的内容不正确：${[...new Set(parts)].join('；')}${more}`;
}

const SYSTEM_CODES: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有权限（文件可能为只读，或正被 WPS / Excel 打开）',
  EPERM: '没有权限（文件可能为只读，或正被 WPS / Excel 打开）',
  EBUSY: '文件正被其他程序占用',
  ENOSPC: '磁盘空间不足',
  EROFS: '磁盘为只读',
  EISDIR: '这是一个文件夹，不是文件',
  ENOTDIR: '路径中的某一级不是文件夹',
  EEXIST: '文件已存在',
  EMFILE: '同时打开的文件过多，请稍后重试',
  ENAMETOOLONG: '文件名或路径过长',
  SQLITE_NOTADB: '不是本软件的数据库文件，或已加密',
  SQLITE_CORRUPT: '数据库文件已损坏',
  SQLITE_CANTOPEN: '无法打开数据库文件',
  SQLITE_BUSY: '数据库正被其他程序占用',
  SQLITE_FULL: '磁盘空间已满',
  SQLITE_READONLY: '数据库文件为只读',
};

/**
 * The cause of a system failure in Chinese, for `…失败：${systemReason(e)}`. Node's and SQLite's own
 * texts are English and may hold internals, so they are never shown; an unknown code says so.
 */
export function systemReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = SYSTEM_CODES[code] ?? SYSTEM_CODES[code.split('_').slice(0, 2).join('_')];
    if (known) return known;
  }
  return '系统未给出可读的原因';
}

/** The message for a failure no code anticipated: what happened to the data, and what to do. */
export const UNEXPECTED_MESSAGE = '程序内部出错，本次操作未完成，数据没有改动。请重试；如仍出错，请联系技术支持。';

/** Is `code` one of the system codes above (so `systemReason` names a real cause)? */
export function knownSystemCode(code: unknown): code is string {
  return typeof code === 'string' && (code in SYSTEM_CODES || code.split('_').slice(0, 2).join('_') in SYSTEM_CODES);
}

/** What a full disk stopped (`what`), that nothing changed, and the next step. */
export function diskFullMessage(what: string): string {
  return `磁盘空间已满，${what}，数据没有改动（未写完的文件已删除）。请清理该磁盘（或换一个有空间的位置）后重试。`;
}
