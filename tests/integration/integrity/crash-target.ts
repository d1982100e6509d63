/**
 * What the crash test kills: the real import service in a child process (children/import.ts) on a
 * generated township workbook. children/big-write.ts, a plain one-transaction write through the
 * session, remains as the fallback target for a tree without the importer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TempDir } from '../../helpers/db.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

export interface CrashTarget {
  name: string;
  args(db: string): string[];
  /** Output line after which the kill timer starts (the write is under way); none = from spawn. */
  marker: string | null;
  /** Output line printed right after the commit; the kill window ends there. */
  doneMarker: string | null;
  okExitCode: number;
}

const CHILDREN = join(import.meta.dirname, 'children');
const HOUSEHOLDS = 1000;

export async function crashTarget(t: TempDir): Promise<CrashTarget> {
  if (existsSync(join(import.meta.dirname, '..', '..', '..', 'electron', 'services', 'import.ts'))) {
    const file = t.path('郭城驿镇2024年台账.xlsx');
    const { members } = await writeTownshipWorkbook(file, HOUSEHOLDS);
    return {
      name: `import service (${HOUSEHOLDS} households, ${members} members, one transaction)`,
      args: (db) => [join(CHILDREN, 'import.ts'), db, file],
      marker: 'begin',
      doneMarker: 'committed',
      okExitCode: 0,
    };
  }
  return {
    name: `big-write child (${HOUSEHOLDS} households in one transaction)`,
    args: (db) => [join(CHILDREN, 'big-write.ts'), db, String(HOUSEHOLDS)],
    marker: 'begin',
    doneMarker: 'committed',
    okExitCode: 0,
  };
}
