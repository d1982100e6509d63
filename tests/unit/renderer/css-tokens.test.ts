/**
 * Colours and font sizes come from renderer/src/tokens.css: a component style that writes one of the
 * token colours, or a token font size, as a literal is reported with its file and line. The checker
 * itself is tested on a snippet, so the guard cannot pass by reading nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SRC = join(ROOT, 'renderer', 'src');

function tokens(): { colours: Set<string>; sizes: Set<string> } {
  const css = readFileSync(join(SRC, 'tokens.css'), 'utf8');
  const colours = new Set([...css.matchAll(/--ledger-[\w-]+:\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => (m[1] as string).toLowerCase()));
  const sizes = new Set([...css.matchAll(/--ledger-font-[\w-]+:\s*(\d+px)/g)].map((m) => m[1] as string));
  return { colours, sizes };
}

/** Literal token values inside the <style> blocks of a .vue file: "line: value". */
export function literals(vue: string, t: ReturnType<typeof tokens>): string[] {
  const out: string[] = [];
  for (const block of vue.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    const start = vue.slice(0, block.index).split('\n').length;
    (block[1] as string).split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi)) {
        if (t.colours.has(m[0].toLowerCase())) out.push(`${start + i}: ${m[0]}`);
      }
      const size = /font-size:\s*(\d+px)/.exec(line);
      if (size && t.sizes.has(size[1] as string)) out.push(`${start + i}: font-size ${size[1]}`);
    });
  }
  return out;
}

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? vueFiles(p) : e.name.endsWith('.vue') ? [p] : [];
  });
}

describe('CSS tokens', () => {
  const t = tokens();

  it('reads the token file (colours and font sizes)', () => {
    expect(t.colours.has('#c0392b')).toBe(true);
    expect(t.colours.size).toBeGreaterThanOrEqual(6);
    expect([...t.sizes]).toEqual(expect.arrayContaining(['12px', '13px', '18px']));
  });

  it('finds a literal token colour and size in a snippet, and passes the variables', () => {
    const vue = '<template><b /></template>\n<style scoped>\n.a {\n  color: #C0392B;\n  font-size: 13px;\n}\n.b { color: var(--ledger-danger); }\n</style>\n';
    expect(literals(vue, t)).toEqual(['4: #C0392B', '5: font-size 13px']);
  });

  it('no component style writes a token value literally', () => {
    const found = vueFiles(SRC).flatMap((f) => literals(readFileSync(f, 'utf8'), t).map((l) => `${relative(ROOT, f)}:${l}`));
    expect(found).toEqual([]);
  });
});
