/** The Teams app package: what `npm run teams:package` zips, read back the way Teams would read it. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';

const TOOLS = resolve(__dirname, '../../../manifests/teams/tools');
const { buildPackage, PackageError } = require(join(TOOLS, 'package.js')) as {
  buildPackage: (env: Record<string, string>) => { zip: Buffer; manifest: any };
  PackageError: new (m: string) => Error;
};
const { colorIcon, outlineIcon } = require(join(TOOLS, 'make-icons.js')) as { colorIcon: () => Buffer; outlineIcon: () => Buffer };
const { crc32 } = require(join(TOOLS, 'crc32.js')) as { crc32: (b: Buffer) => number };

const APP = '11111111-2222-4333-8444-555555555555';

/** Read a .zip through its central directory, checking each entry's CRC. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

/** Decode an RGBA PNG without filters (what make-icons writes): width, height, pixels. */
function pixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    if (png.toString('ascii', i + 4, i + 8) === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

describe('Teams app package', () => {
  it('zips manifest.json and both icons; the manifest names the bot, its scopes and commands', () => {
    const { zip } = buildPackage({ MICROSOFT_APP_ID: APP, TEAMS_WEBSITE_URL: 'https://ops.example.org' });
    const files = unzip(zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.23');
    expect(manifest.version).toBe(require('../../../package.json').version);
    expect(manifest.id).toBe(APP);
    expect(manifest.developer.privacyUrl).toBe('https://ops.example.org');
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(APP);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(
      expect.arrayContaining(['help', 'stop', 'scan', 'cost', 'tags', 'find']),
    );
  });

  it('icons: color 192x192, outline 32x32 white on transparent, as committed', () => {
    const files = unzip(buildPackage({ MICROSOFT_APP_ID: APP }).zip);
    const color = pixels(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = pixels(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      opaque++;
      expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(100); // there is a drawing, not an empty square
    // The committed files are what the generator draws (no drift between script and PNGs).
    expect(colorIcon().equals(readFileSync(resolve(TOOLS, '../color.png')))).toBe(true);
    expect(outlineIcon().equals(readFileSync(resolve(TOOLS, '../outline.png')))).toBe(true);
  });

  it('the same inputs give the same package bytes', () => {
    expect(buildPackage({ MICROSOFT_APP_ID: APP }).zip.equals(buildPackage({ MICROSOFT_APP_ID: APP }).zip)).toBe(true);
  });

  it('without a usable bot app id it says what to set', () => {
    expect(() => buildPackage({})).toThrow(PackageError);
    expect(() => buildPackage({})).toThrow(/MICROSOFT_APP_ID is not set/);
    expect(() => buildPackage({ MICROSOFT_APP_ID: 'my-bot' })).toThrow(/not a GUID/);
    expect(() => buildPackage({ MICROSOFT_APP_ID: APP, TEAMS_WEBSITE_URL: 'http://insecure.example' })).toThrow(
      /must be an https:\/\/ URL/,
    );
  });
});
