// The installable app's icons: the committed PNGs are exactly what the drawing script makes
// (so they can be regenerated), they are valid PNGs (every chunk's CRC, IHDR as declared),
// the manifest lists each with its real size, and the maskable ones keep the drawing inside
// the platform's safe zone (W3C Web App Manifest: the centred circle of radius 40%).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACCENT, BAR_DECAY, ICONS, drawIcon } from '../../vite-plugins/icons/draw';
import { crc32, encodePng } from '../../vite-plugins/icons/png';

const PUBLIC = path.resolve(__dirname, '../../public');

/** Decodes an 8-bit RGBA, filter-0, non-interlaced PNG, checking every chunk's CRC. */
function decodePng(bytes: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const len = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const data = bytes.subarray(pos + 8, pos + 8 + len);
    expect(bytes.readUInt32BE(pos + 8 + len), `${type} CRC`).toBe(crc32(bytes.subarray(pos + 4, pos + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
    if (type === 'IEND') break;
  }
  expect(pos).toBe(bytes.length);
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

const isWhite = (px: Uint8Array, i: number) => px[i] === 255 && px[i + 1] === 255 && px[i + 2] === 255 && px[i + 3] === 255;

describe('PNG encoder', () => {
  it('computes the standard CRC-32 check value', () => {
    // The CRC catalogue's check value for CRC-32/ISO-HDLC over "123456789".
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips arbitrary pixels', () => {
    const px = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const back = decodePng(encodePng(3, 2, px));
    expect([back.width, back.height]).toEqual([3, 2]);
    expect([...back.rgba]).toEqual([...px]);
  });
});

describe('app icons', () => {
  const manifest = JSON.parse(readFileSync(path.join(PUBLIC, 'manifest.webmanifest'), 'utf8')) as {
    icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
  };

  it.each(ICONS)('$file is what the drawing script makes', ({ file, size, variant }) => {
    const committed = readFileSync(path.join(PUBLIC, 'icons', file));
    const png = decodePng(committed);
    expect([png.width, png.height]).toEqual([size, size]);
    expect(Buffer.from(png.rgba).equals(Buffer.from(drawIcon(size, variant))), 'pixels differ: run node vite-plugins/icons/make-icons.mjs').toBe(true);
  });

  it('the manifest lists 192 and 512 px icons for any use and maskable, each with its real size', () => {
    for (const icon of manifest.icons) {
      const png = decodePng(readFileSync(path.join(PUBLIC, icon.src)));
      expect(icon.sizes, icon.src).toBe(`${png.width}x${png.height}`);
      expect(icon.type).toBe('image/png');
      const drawn = ICONS.find((i) => `icons/${i.file}` === icon.src);
      expect(drawn?.variant, icon.src).toBe(icon.purpose);
    }
    const have = manifest.icons.map((i) => `${i.purpose} ${i.sizes}`).sort();
    expect(have).toEqual(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']);
  });

  it('maskable icons are opaque to the edge and draw only inside the safe zone', () => {
    for (const { file, size } of ICONS.filter((i) => i.variant === 'maskable')) {
      const { rgba } = decodePng(readFileSync(path.join(PUBLIC, 'icons', file)));
      let outside = 0;
      let white = 0;
      let translucent = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const i = (y * size + x) * 4;
          if (rgba[i + 3] !== 255) translucent++;
          if (rgba[i] === ACCENT[0] && rgba[i + 1] === ACCENT[1] && rgba[i + 2] === ACCENT[2]) continue;
          white++;
          // Any pixel touched by the drawing, measured from its farthest corner.
          const dx = Math.max(Math.abs(x - size / 2), Math.abs(x + 1 - size / 2));
          const dy = Math.max(Math.abs(y - size / 2), Math.abs(y + 1 - size / 2));
          if (Math.hypot(dx, dy) > 0.4 * size) outside++;
        }
      }
      expect(white, file).toBeGreaterThan(size * size * 0.03);
      expect(outside, file).toBe(0);
      expect(translucent, file).toBe(0);
    }
  });

  it('the any-purpose icon is a rounded square: transparent corners, bars decaying by 0.6', () => {
    const size = 512;
    const { rgba } = decodePng(readFileSync(path.join(PUBLIC, 'icons/icon-512.png')));
    expect(rgba[3]).toBe(0);
    expect(rgba[(size * size - 1) * 4 + 3]).toBe(0);
    expect(rgba[((size / 2) * size + 8) * 4 + 3]).toBe(255);
    // Bar heights: fully white runs in each bar's centre column, one bar after another.
    const heights: number[] = [];
    let x = 0;
    while (x < size && heights.length < 5) {
      const col = (xx: number) => {
        let n = 0;
        for (let y = 0; y < size; y++) if (isWhite(rgba, (y * size + xx) * 4)) n++;
        return n;
      };
      if (col(x) === 0) {
        x++;
        continue;
      }
      let end = x;
      while (end < size && col(end) > 0) end++;
      heights.push(col(Math.floor((x + end) / 2)));
      x = end;
    }
    expect(heights).toHaveLength(5);
    for (let k = 1; k < 5; k++) expect(heights[k] / heights[k - 1]).toBeCloseTo(BAR_DECAY, 1);
  });
});
