import { userInfo } from 'node:os';
import { currentLedgerKey } from '../../db/cipher.ts';
import { encryptLedgerInPlace } from '../../db/encrypt.ts';
import { requireString, UsageError, type Command } from '../command.ts';

export const encryptCommand: Command = {
  name: 'encrypt',
  summary: '把明文台账原地加密（密钥取自 --key-file 或环境变量 LEDGER_KEY），核对各表行数并确认文件中无明文',
  usage: 'encrypt --db FILE [--key-file FILE]',
  options: { db: { type: 'string' } },
  async run(args, io) {
    const dbPath = requireString(args, 'db');
    const key = currentLedgerKey();
    if (key === null) throw new UsageError('缺少密钥：请用 --key-file 指定密钥文件，或设置环境变量 LEDGER_KEY（密钥不能写在命令行参数里）。');
    const operator = typeof args.values.operator === 'string' ? args.values.operator : userInfo().username || '命令行';
    const r = encryptLedgerInPlace(dbPath, key, operator);
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    io.out(`已加密 ${r.path}：${Object.keys(r.tables).length} 张表、${rows} 行，核对一致，文件中无明文。`);
    io.out(`加密前的明文原件保存在 ${r.plaintextCopy}：其中的身份证号未加密，请把它存放到安全的地方，或确认加密台账可用后删除。`);
    return 0;
  },
};
