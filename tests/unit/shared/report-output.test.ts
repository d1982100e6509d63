/** The pure parts of issue #21: filter text (drill-down links, CLI --filter), band edges, chart captions. */
import { describe, expect, it } from 'vitest';
import { captionLines } from '../../../shared/domain/chart-caption.ts';
import { bandEdgesProblem, bandLabels, bandOf } from '../../../shared/domain/income-bands.ts';
import { describeHouseholdFilter, householdFilterQuery, parseHouseholdFilter, parseMemberFilter } from '../../../shared/domain/list-filters.ts';

describe('list filters as text', () => {
  it('parses a drill-down link and writes it back the same', () => {
    const f = parseHouseholdFilter('county=620422&below=1&min=5000&under=6000&sort=perCapita&dir=desc&year=2024');
    expect(f).toMatchObject({ county: '620422', below: true, minPerCapita: 5000, perCapitaBelow: 6000, sort: 'perCapita', dir: 'desc', year: 2024 });
    expect(householdFilterQuery(f)).toEqual({ county: '620422', year: '2024', below: '1', min: '5000', under: '6000', sort: 'perCapita', dir: 'desc' });
  });

  it('refuses what it cannot read exactly, never guessing', () => {
    expect(() => parseHouseholdFilter('min=1.2万')).toThrow('应为数字');
    expect(() => parseHouseholdFilter('below=maybe')).toThrow('应为 1 或 0');
    expect(() => parseHouseholdFilter('colour=red')).toThrow('未知的筛选条件');
    expect(() => parseHouseholdFilter('county=620422&county=620421')).toThrow('出现了两次');
    expect(() => parseHouseholdFilter('county=abc')).toThrow(/区划代码/);
    expect(() => parseMemberFilter('below=1')).toThrow('未知的筛选条件');
  });

  it('describes a filter in words for the title block', () => {
    const f = parseHouseholdFilter('township=620422101&decreased=1');
    expect(describeHouseholdFilter(f, (c) => ({ '620422101': '会宁县郭城驿镇' })[c] ?? c, 8000)).toBe('筛选条件：范围：会宁县郭城驿镇；收入比上年下降；排序：户编号（从小到大）');
  });
});

describe('income bands', () => {
  it('labels the bands and puts a household in one by its own figures, strictly below an edge', () => {
    expect(bandLabels([5000, 8000])).toEqual(['5,000元以下', '5,000–8,000元', '8,000元及以上']);
    expect(bandOf(799_999 * 2, 2, [5000, 8000])).toBe(1);
    expect(bandOf(800_000 * 2, 2, [5000, 8000])).toBe(2);
    expect(bandOf(-100, 1, [5000, 8000])).toBe(0);
  });

  it('refuses edges that are not ascending whole yuan', () => {
    expect(bandEdgesProblem([5000, 5000])).toMatch(/从小到大/);
    expect(bandEdgesProblem([5000.5])).toMatch(/整数/);
    expect(bandEdgesProblem([])).toMatch(/1 至 10/);
    expect(bandEdgesProblem([5000, 8000, 10000])).toBeNull();
  });
});

describe('chart captions', () => {
  it('names title, region, year, unit and source, and marks the demo', () => {
    expect(captionLines({ title: '收入构成', region: '会宁县', year: 2024, unit: '元', source: '台账', demo: true })).toEqual({
      title: '收入构成（演示数据）', subtitle: '会宁县 · 2024年 · 单位：元', footer: '数据来源：台账 · 演示数据，非真实台账，不得上报',
    });
  });
});
