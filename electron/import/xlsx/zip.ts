/**
 * A minimal ZIP reader for .xlsx: the central directory is read and checked (entry count, declared
 * sizes, compression ratio, encryption) before a single byte is inflated, and each part can then be
 * streamed — more than once, which the sheet reader needs to learn the merged ranges (stored after
 * the rows) before it reads the rows. Inflated output is counted, so a part that lies about its size
 * is stopped at its declared size.
 */
import { closeSync, createReadStream, openSync, readSync, fstatSync } from 'node:fs';
import { crc32, createInflateRaw } from 'node:zlib';
import { AppError } from '../../../shared/errors.ts';
import { LIMITS } from '../limits.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** CRC-32 of the inflated part, from the central directory. */
  crc: number;
}

export interface ZipArchive {
  path: string;
  entries: Map<string, ZipEntry>;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = readSync(fd, buf, 0, len, pos);
  return buf.subarray(0, n);
}

function broken(file: string, why: string): AppError {
  return new AppError('file-unreadable', `文件“${file}”已损坏或不完整（${why}），请用 Excel/WPS 打开后另存为 .xlsx 再导入`);
}

function findEocd(fd: number, size: number, file: string): Buffer {
  const tailLen = Math.min(size, 22 + 65535);
  const tail = readAt(fd, size - tailLen, tailLen);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) return tail.subarray(i);
  }
  throw broken(file, '找不到压缩包目录，文件可能被截断');
}

function checkEntry(e: ZipEntry, file: string): void {
  if (e.flags & 1) throw new AppError('file-type', `文件“${file}”设置了密码保护，请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入`);
  if (e.method !== 0 && e.method !== 8) throw broken(file, `不支持的压缩方式 ${e.method}`);
  if (e.uncompressedSize > LIMITS.maxEntryBytes) {
    throw new AppError('file-too-large', `文件“${file}”中的 ${e.name} 声明解压后有 ${Math.round(e.uncompressedSize / 1048576)} MB，超过上限，已拒绝（可能是恶意构造的压缩包）`);
  }
  if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > LIMITS.maxRatio) {
    throw new AppError('file-too-large', `文件“${file}”中的 ${e.name} 压缩比异常（${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1），已拒绝（可能是恶意构造的压缩包）`);
  }
}

/** Reads and checks the central directory; throws a Chinese AppError naming the file. */
export function openZip(path: string, file: string): ZipArchive {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const eocd = findEocd(fd, size, file);
    const count = eocd.readUInt16LE(10);
    const cdSize = eocd.readUInt32LE(12);
    const cdOffset = eocd.readUInt32LE(16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new AppError('file-too-large', `文件“${file}”是 ZIP64 格式，超出本软件支持的大小`);
    if (count > LIMITS.maxZipEntries) throw new AppError('file-too-large', `文件“${file}”包含 ${count} 个部件，超过上限 ${LIMITS.maxZipEntries}，已拒绝`);
    if (cdOffset + cdSize > size) throw broken(file, '目录位置超出文件末尾');
    const cd = readAt(fd, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let total = 0;
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw broken(file, '目录记录不完整');
      const nameLen = cd.readUInt16LE(p + 28);
      const e: ZipEntry = {
        flags: cd.readUInt16LE(p + 8), method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24), localOffset: cd.readUInt32LE(p + 42), crc: cd.readUInt32LE(p + 16),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      };
      checkEntry(e, file);
      total += e.uncompressedSize;
      if (total > LIMITS.maxTotalBytes) throw new AppError('file-too-large', `文件“${file}”解压后总大小超过 ${Math.round(LIMITS.maxTotalBytes / 1048576)} MB，已拒绝（可能是恶意构造的压缩包）`);
      if (e.localOffset + e.compressedSize > size) throw broken(file, `${e.name} 超出文件末尾`);
      entries.set(e.name.replace(/^\//, ''), e);
      p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return { path, entries };
  } finally {
    closeSync(fd);
  }
}

function dataOffset(path: string, e: ZipEntry): number {
  const fd = openSync(path, 'r');
  try {
    const h = readAt(fd, e.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
    return e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}

/** Streams one part's bytes, inflated, stopping with an error past its declared size. */
export async function* streamEntry(zip: ZipArchive, e: ZipEntry, file: string): AsyncGenerator<Buffer> {
  const start = dataOffset(zip.path, e);
  const raw = createReadStream(zip.path, { start, end: start + Math.max(0, e.compressedSize - 1), highWaterMark: 1 << 20 });
  if (e.compressedSize === 0) {
    raw.destroy();
    return;
  }
  const source = e.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 1 << 18 })) : raw;
  raw.on('error', (err) => source.destroy(err));
  let seen = 0;
  let crc = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > e.uncompressedSize) throw new AppError('file-too-large', `文件“${file}”中的 ${e.name} 解压后超过其声明的大小，已拒绝`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
    // A damaged part can still inflate, to different text: only the CRC tells. The import runs in one
    // transaction, so failing here at the end still rolls back every row read from it.
    if (seen !== e.uncompressedSize || crc >>> 0 !== e.crc >>> 0) throw broken(file, `${e.name} 校验失败`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw broken(file, `${e.name} 解压失败`);
  } finally {
    raw.destroy();
    if (source !== raw) source.destroy();
  }
}

export async function readEntryText(zip: ZipArchive, e: ZipEntry, file: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of streamEntry(zip, e, file)) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}
