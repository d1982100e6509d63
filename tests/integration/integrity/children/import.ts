/**
 * Child process for the crash test: imports one workbook through the real import service (worker,
 * one transaction per file), as the window and the CLI do. Prints "begin" at the first progress
 * event — the worker is inside its write transaction from then on — and "committed" once the
 * result is back. Usage: node import.ts DB FILE
 */
import { isFileFailure } from '../../../../shared/api/import.ts';
import { openSession } from '../../../../electron/services/session.ts';

const [dbPath, file] = process.argv.slice(2);
if (!dbPath || !file) throw new Error('usage: import.ts DB FILE');
let begun = false;
const session = openSession(dbPath, {
  operator: '崩溃测试',
  skipIntegrityCheck: true,
  emit: (event) => {
    if (event === 'job:progress' && !begun) {
      begun = true;
      process.stdout.write('begin\n');
    }
  },
});
const { jobId } = await session.call('import:commit', { paths: [file] });
const [outcome] = await session.call('import:result', { jobId });
if (!outcome || isFileFailure(outcome) || !outcome.batchId) {
  process.stderr.write(`import did not commit: ${JSON.stringify(outcome).slice(0, 2000)}\n`);
  process.exit(3);
}
process.stdout.write('committed\n');
await session.close();
