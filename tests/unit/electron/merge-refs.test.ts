/**
 * The merge pass reads `<mergeCell ref="…">` tags with a hand-written scan (merges.ts) for speed. It
 * must find exactly what the regex it replaced found, and read each ref as parseRange does.
 */
import { describe, expect, it } from 'vitest';
import { scanMergeRefs } from '../../../electron/import/xlsx/merges.ts';
import { parseRange } from '../../../electron/import/xlsx/xml.ts';

/** The reference: the regex and parseRange the scan replaced. */
function byRegex(text: string): number[][] {
  const done = text.slice(0, text.lastIndexOf('>') + 1);
  const out: number[][] = [];
  for (const m of done.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([^"]+)"/g)) {
    const r = parseRange(m[1]!);
    if (r) out.push(r);
  }
  return out;
}

function byScan(text: string): number[][] {
  const out: number[][] = [];
  scanMergeRefs(text, text.lastIndexOf('>') + 1, (r) => out.push([...r]));
  return out;
}

const CASES = [
  '<mergeCells count="3"><mergeCell ref="A1:B2"/><mergeCell ref="C3:C9"/><mergeCell ref="AA10:AB10"/></mergeCells>',
  '<x:mergeCells><x:mergeCell ref="B3:D7"/><x:mergeCell\tref="D7:B3"/></x:mergeCells>',
  '<mergeCell ref="$A$1:$B$2"/><mergeCell ref=" A1:B2 "/><mergeCell ref="E5"/><mergeCell ref="a1:b2"/>',
  '<mergeCell xref="Z1:Z2" ref="A1:A3"/><mergeCell ref="A1:A3" xref="Z1:Z2"/><mergeCell\nref="XFD1048576:XFD1048576"/>',
  '<mergeCells/><mergeCellx ref="A1:A2"/><mergeCell/><mergeCell ref=""/><mergeCell ref="A1:"/><mergeCell ref="1A:2B"/>',
  '<mergeCell ref="A1:B2:C3"/><mergeCell ref="ABCD1:ABCD2"/><mergeCell ref="A1234567890:A1234567891"/><:mergeCell ref="A1:A2"/>',
  'text mergeCell ref="A1:A2"> <foo:mergeCell ref="C1:C4"/><mergeCell ref="A1:A2"',
];

describe('scanMergeRefs', () => {
  it.each(CASES.map((c, i) => [i, c]))('case %i finds what the regex found', (_i, text) => {
    expect(byScan(text as string)).toEqual(byRegex(text as string));
  });

  it('finds the ranges of a long run of tags, as a city file has them', () => {
    const tags = Array.from({ length: 3000 }, (_, i) => `<mergeCell ref="${String.fromCharCode(65 + (i % 26))}${i + 5}:${String.fromCharCode(65 + (i % 26))}${i + 8}"/>`).join('');
    const found = byScan(`<mergeCells count="3000">${tags}</mergeCells>`);
    expect(found).toHaveLength(3000);
    expect(found).toEqual(byRegex(tags));
    expect(found[27]).toEqual([32, 2, 35, 2]);
  });
});
