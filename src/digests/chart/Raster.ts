import { glyph, GLYPH_HEIGHT, GLYPH_WIDTH } from './font';
import { encodePng } from './png';

export type Rgb = readonly [number, number, number];

export function hex(color: string): Rgb {
  const n = Number.parseInt(color.replace('#', ''), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** An RGB pixel buffer with the few drawing operations a bar chart needs. Coordinates clip silently. */
export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const i = (py * this.width + px) * 3;
        this.pixels[i] = color[0];
        this.pixels[i + 1] = color[1];
        this.pixels[i + 2] = color[2];
      }
    }
  }

  /** A horizontal line, dashed when `dash` is given (on, off lengths). */
  hline(x: number, y: number, w: number, color: Rgb, thickness = 1, dash?: [number, number]): void {
    if (!dash) return this.rect(x, y, w, thickness, color);
    for (let px = 0; px < w; px += dash[0] + dash[1]) this.rect(x + px, y, Math.min(dash[0], w - px), thickness, color);
  }

  static textWidth(text: string, scale = 1): number {
    return text.length ? (text.length * (GLYPH_WIDTH + 1) - 1) * scale : 0;
  }

  static textHeight(scale = 1): number {
    return GLYPH_HEIGHT * scale;
  }

  /** Draw text with its top-left at (x, y); `align` moves the anchor to the centre or right end. */
  text(x: number, y: number, text: string, color: Rgb, scale = 1, align: 'left' | 'center' | 'right' = 'left'): void {
    const w = Raster.textWidth(text, scale);
    let cx = Math.round(align === 'center' ? x - w / 2 : align === 'right' ? x - w : x);
    for (const ch of text) {
      const rows = glyph(ch);
      rows.forEach((row, ry) => row.forEach((lit, rx) => lit && this.rect(cx + rx * scale, y + ry * scale, scale, scale, color)));
      cx += (GLYPH_WIDTH + 1) * scale;
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.pixels);
  }
}
