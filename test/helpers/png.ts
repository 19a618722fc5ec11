import { inflateSync } from 'node:zlib';
import { crc32 } from '../../src/digests';

/** A small PNG reader for the tests: checks the signature and every chunk's CRC, undoes the row filters. */
export function decodePng(png: Uint8Array): {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
  chunks: string[];
} {
  const buf = Buffer.from(png);
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature');
  let at = 8;
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2) throw new Error('expected 8-bit RGB');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const left = x >= 3 ? out[y * stride + x - 3] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      out[y * stride + x] = filter === 0 ? v : filter === 1 ? (v + left) & 0xff : filter === 2 ? (v + up) & 0xff : NaN;
    }
  }
  return { width, height, chunks, pixel: (x, y) => [out[(y * width + x) * 3], out[(y * width + x) * 3 + 1], out[(y * width + x) * 3 + 2]] };
}
