/**
 * Child process for the kill tests: runs one real CLI command in-process (backup, undo, export,
 * demo) and prints "begin" before it and "committed" after it succeeded, for runKillable.
 * Usage: node cli-op.ts <cli arguments…>
 */
import { runCli } from '../../../../electron/cli/main.ts';

process.stdout.write('begin\n');
const code = await runCli(process.argv.slice(2), { out: () => undefined, err: (t) => process.stderr.write(`${t}\n`) });
if (code !== 0) process.exit(code);
process.stdout.write('committed\n');
