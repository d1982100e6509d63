/**
 * What the crash test kills: the import CLI on a generated workbook when the importer exists,
 * else a child that writes an import-sized transaction through the session (children/big-write.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TempDir } from '../../helpers/db.ts';

export interface CrashTarget {
  name: string;
  args(db: string): string[];
  /** Output line after which the kill timer starts (the write is about to begin); none = from spawn. */
  marker: string | null;
  /** Output line printed right after the commit; the kill window ends there. */
  doneMarker: string | null;
  okExitCode: number;
}

const REPO = join(import.meta.dirname, '..', '..', '..');

export async function crashTarget(_t: TempDir): Promise<CrashTarget> {
  const script = join(REPO, 'tests/integration/integrity/children/big-write.ts');
  if (!existsSync(script)) throw new Error('crash child missing');
  return {
    name: 'big-write child (2,000 households, 8,000 members in one transaction)',
    args: (db) => [script, db, '2000'],
    marker: 'begin',
    doneMarker: 'committed',
    okExitCode: 0,
  };
}
