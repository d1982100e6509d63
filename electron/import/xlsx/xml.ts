/**
 * Just enough XML for SpreadsheetML parts. The parts are machine-written and flat, so plain string
 * scanning is both correct and several times faster than a general SAX parser (which is what makes
 * exceljs's reader slow). Element names may carry a namespace prefix (`x:c`), as some writers emit.
 */

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
      if (e[0] !== '#') return NAMED[e] ?? m;
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  }
  // OOXML escapes control characters as _xHHHH_ (e.g. _x000D_ for a carriage return).
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** The value of attribute `name` inside a start tag's text, or null. */
export function attr(tag: string, name: string): string | null {
  const re = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : null;
}

/** All start tags `<name …>` (prefix-tolerant) in `xml`, as their attribute text. */
export function startTags(xml: string, name: string): string[] {
  const re = new RegExp(`<(?:\\w+:)?${name}\\b([^>]*)>`, 'g');
  const out: string[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] ?? '');
  return out;
}

/** The namespace prefix of the document element ("x:" or ""), so hot loops can search exact tags. */
export function rootPrefix(xml: string): string {
  const m = /<(\w+:)?(worksheet|sst|workbook|styleSheet)\b/.exec(xml);
  return m?.[1] ?? '';
}

/** Concatenated text runs of one `<si>` or `<is>` body, without phonetic (`<rPh>`) runs. */
export function richText(body: string, p: string): string {
  let b = body;
  if (b.includes(`<${p}rPh`)) b = b.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '');
  const open = `<${p}t`;
  const close = `</${p}t>`;
  let out = '';
  let i = b.indexOf(open);
  while (i >= 0) {
    const next = b.charCodeAt(i + open.length);
    const gt = b.indexOf('>', i);
    if (gt < 0) break;
    // `<t>` or `<t xml:space=…>`, not `<tc…>`; a self-closing `<t/>` is empty.
    if ((next === 62 || next === 32 || next === 47) && b.charCodeAt(gt - 1) !== 47) {
      const end = b.indexOf(close, gt);
      if (end < 0) break;
      out += b.slice(gt + 1, end);
      i = b.indexOf(open, end + close.length);
    } else i = b.indexOf(open, gt);
  }
  return decodeXml(out);
}

/** "AB" → 27 (1-based). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** "B3:D7" → [r1, c1, r2, c2] (1-based), or null. */
export function parseRange(ref: string): [number, number, number, number] | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return [Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2)];
}
