/**
 * A minimal ZIP writer for crafting hostile .xlsx files: each part deflated (or stored) with a true
 * CRC-32, and hooks to lie in the directory (declared sizes) the way a crafted file does.
 */
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface Part {
  name: string;
  /** The part's bytes, or a generator of chunks for parts too large to hold (streamed through deflate). */
  data: Buffer | string | (() => Iterable<Buffer>);
  /** Overrides of the central-directory/local sizes, as a zip bomb declares them. */
  declaredSize?: number;
  store?: boolean;
}

interface Built {
  name: Buffer;
  compressed: Buffer;
  crc: number;
  size: number;
  method: number;
}

async function deflateChunks(gen: () => Iterable<Buffer>): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of gen()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await ended;
  return { compressed: Buffer.concat(out), crc, size };
}

async function build(p: Part): Promise<Built> {
  const name = Buffer.from(p.name, 'utf8');
  if (typeof p.data === 'function') {
    const d = await deflateChunks(p.data);
    return { name, compressed: d.compressed, crc: d.crc, size: d.size, method: 8 };
  }
  const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
  return { name, compressed: p.store ? raw : deflateRawSync(raw, { level: 9 }), crc: crc32(raw), size: raw.length, method: p.store ? 0 : 8 };
}

export async function buildZip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const b = await build(p);
    const declared = p.declaredSize ?? b.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(b.method, 8);
    local.writeUInt32LE(b.crc >>> 0, 14);
    local.writeUInt32LE(b.compressed.length, 18);
    local.writeUInt32LE(declared >>> 0, 22);
    local.writeUInt16LE(b.name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(b.method, 10);
    cd.writeUInt32LE(b.crc >>> 0, 16);
    cd.writeUInt32LE(b.compressed.length, 20);
    cd.writeUInt32LE(declared >>> 0, 24);
    cd.writeUInt16LE(b.name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, b.name, b.compressed);
    central.push(cd, b.name);
    offset += 30 + b.name.length + b.compressed.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="郭城驿镇" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

export const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_CLOSE = '</sheetData></worksheet>';
export const EMPTY_SST = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>';

/** An .xlsx whose sheet and shared strings are given (either may be huge, streamed, or lie about its size). */
export function xlsx(sheet: Omit<Part, 'name'>, sst: Omit<Part, 'name'> = { data: EMPTY_SST }): Promise<Buffer> {
  return buildZip([
    { name: '[Content_Types].xml', data: CT },
    { name: '_rels/.rels', data: RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WB_RELS },
    { name: 'xl/sharedStrings.xml', ...sst },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}
