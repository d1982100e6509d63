/**
 * Runtime companion of the type-level check in shared/audit-actions.ts: the action codes the main
 * process actually writes (every `action: '…'` literal under electron/) each have a Chinese label,
 * so the audit view never shows a raw code such as `plan-measure:create`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../../shared/audit-actions.ts';

// Electron's window-open handler answers `{ action: 'deny' }`; that is not an audit entry.
const NOT_AUDIT = new Set(['deny']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources('electron')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\baction:\s*['"]([a-z][a-z:-]*)['"]/g)) {
      if (!NOT_AUDIT.has(m[1]!)) found.add(m[1]!);
    }
  }
  return found;
}

describe('audit action labels', () => {
  it('gives every action the code writes a Chinese label', () => {
    const actions = writtenActions();
    expect(actions.size).toBeGreaterThanOrEqual(25);
    const missing = [...actions].filter((a) => !(a in AUDIT_ACTION_LABELS));
    expect(missing).toEqual([]);
    for (const a of actions) expect(auditActionLabel(a)).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
  });
  it('labels contain no code or English', () => {
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).not.toMatch(/[A-Za-z:]/);
  });
});
