/**
 * The live database must sit on a local disk (WAL does not work over a network filesystem). The
 * decision is pure, so every platform's cases run here without mounting anything.
 */
import { describe, expect, it } from 'vitest';
import { decideDbPath, mountFor, parseBsdMount, parseNetUse, parseProcMounts, type PathFacts } from '../../../electron/db/integrity.ts';

const PROC_MOUNTS = [
  'sysfs /sys sysfs rw,nosuid 0 0',
  '/dev/sda2 / ext4 rw,relatime 0 0',
  '/dev/sdb1 /media/usb vfat rw 0 0',
  '//fileserver/乡村振兴 /mnt/share cifs rw,vers=3.0 0 0',
  'server:/export /home/ledger/nfs nfs4 rw 0 0',
  'user@host:/data /mnt/ssh\\040drive fuse.sshfs rw 0 0',
  'tmpfs /tmp tmpfs rw 0 0',
].join('\n');

const linux = (path: string): PathFacts => ({ platform: 'linux', path, mounts: parseProcMounts(PROC_MOUNTS), networkDrives: [] });
const win = (path: string, networkDrives: string[] = []): PathFacts => ({ platform: 'win32', path, mounts: [], networkDrives });

describe('decideDbPath', () => {
  it('accepts local disks, removable drives and temp folders on Linux', () => {
    for (const p of ['/home/ledger/ledger.db', '/media/usb/ledger.db', '/tmp/x/ledger.db', '/mnt/sharedfolder/ledger.db']) {
      expect(decideDbPath(linux(p)), p).toEqual({ ok: true });
    }
  });

  it('refuses CIFS/SMB, NFS and sshfs mounts, naming the mount and file system', () => {
    const cifs = decideDbPath(linux('/mnt/share/台账/ledger.db'));
    expect(cifs.ok).toBe(false);
    if (!cifs.ok) expect(cifs.reason).toMatch(/本机硬盘.*\/mnt\/share.*cifs/);
    expect(decideDbPath(linux('/home/ledger/nfs/ledger.db')).ok).toBe(false);
    expect(decideDbPath(linux('/mnt/ssh drive/ledger.db')).ok).toBe(false);
  });

  it('matches whole path components only', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mountFor('/mnt/shareX/ledger.db', mounts)?.mountPoint).toBe('/');
    expect(mountFor('/mnt/share/ledger.db', mounts)?.fsType).toBe('cifs');
  });

  it('refuses UNC paths on Windows in every spelling, accepts local drive paths', () => {
    for (const p of ['\\\\fileserver\\share\\ledger.db', '//fileserver/share/ledger.db', '\\\\?\\UNC\\fileserver\\share\\ledger.db', '\\\\10.0.0.5\\d$\\ledger.db']) {
      const d = decideDbPath(win(p));
      expect(d.ok, p).toBe(false);
      if (!d.ok) expect(d.reason).toContain('网络共享路径');
    }
    for (const p of ['C:\\Users\\县局\\AppData\\Roaming\\ledger.db', 'D:/台账/ledger.db', '\\\\?\\C:\\long\\ledger.db', '\\\\.\\C:\\ledger.db']) {
      expect(decideDbPath(win(p)), p).toEqual({ ok: true });
    }
  });

  it('refuses a mapped network drive on Windows, case-insensitively', () => {
    const d = decideDbPath(win('z:\\台账\\ledger.db', ['Z:']));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain('Z: 是映射的网络驱动器');
    expect(decideDbPath(win('C:\\ledger.db', ['Z:'])).ok).toBe(true);
  });

  it('refuses smbfs/nfs volumes on macOS', () => {
    const mounts = parseBsdMount([
      '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
      '//GUEST:@fileserver/share on /Volumes/share (smbfs, nodev, nosuid, mounted by u)',
      'srv:/exports on /Volumes/nfs (nfs, asynchronous)',
    ].join('\n'));
    const mac = (path: string): PathFacts => ({ platform: 'darwin', path, mounts, networkDrives: [] });
    expect(decideDbPath(mac('/Volumes/share/ledger.db')).ok).toBe(false);
    expect(decideDbPath(mac('/Volumes/nfs/ledger.db')).ok).toBe(false);
    expect(decideDbPath(mac('/Users/u/ledger.db')).ok).toBe(true);
  });
});

describe('parsers', () => {
  it('reads mapped drives from `net use` output (English and Chinese Windows)', () => {
    const en = 'Status       Local     Remote                    Network\r\n---\r\nOK           Z:        \\\\fileserver\\share        Microsoft Windows Network\r\nDisconnected Y:        \\\\old\\x                   Microsoft Windows Network\r\n';
    const zh = '状态       本地        远程                      网络\r\n-----\r\nOK           P:        \\\\10.1.1.2\\台账         Microsoft Windows Network\r\n命令成功完成。\r\n';
    expect(parseNetUse(en)).toEqual(['Z:', 'Y:']);
    expect(parseNetUse(zh)).toEqual(['P:']);
    expect(parseNetUse('')).toEqual([]);
  });

  it('decodes octal escapes in /proc/mounts', () => {
    expect(parseProcMounts('a /mnt/with\\040space ext4 rw 0 0')).toEqual([{ mountPoint: '/mnt/with space', fsType: 'ext4' }]);
  });
});
