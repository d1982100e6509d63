/**
 * The sentence a check run ends with, the same in the 数据核查 view and the CLI: what was found, and
 * which monitoring line the line rules used (or that they did not run, since a guessed line would
 * put households on the wrong side of it without a word).
 */
import type { RunSummaryDto } from '../api/checks.ts';

export function runSummaryText(r: RunSummaryDto): string {
  const head = `第 ${r.runId} 次核查（${r.year} 年）：发现 ${r.found} 个问题，新增 ${r.added}，重新打开 ${r.reopened}，因数据更正关闭 ${r.closedByData}`;
  return `${head}。${lineText(r)}`;
}

export function lineText(r: Pick<RunSummaryDto, 'year' | 'line' | 'skipped'>): string {
  if (r.line) return `监测线按${r.line.scopeName} ${r.year} 年防止返贫监测范围 ${r.line.value.toLocaleString('en-US')} 元/人（参考值）`;
  return `未设定 ${r.year} 年防止返贫监测范围（设置 → 参考值），${r.skipped.join('、')} 未运行，原有问题保持不变`;
}
