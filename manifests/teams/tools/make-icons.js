#!/usr/bin/env node
'use strict';
/**
 * Draws the Teams app icons: color.png (192x192, white cloud with a check on the accent colour) and
 * outline.png (32x32, the same cloud in white on transparent, as Teams requires).
 * Run: node manifests/teams/tools/make-icons.js  (writes next to manifest.json)
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { encodePng } = require('./png');

const ACCENT = [0x0f, 0x6c, 0xbd];

/** Distance from point p to segment a-b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The cloud, in unit coordinates (0..1 across the icon). */
function inCloud(x, y) {
  return (
    Math.hypot(x - 0.35, y - 0.56) <= 0.15 ||
    Math.hypot(x - 0.52, y - 0.45) <= 0.2 ||
    Math.hypot(x - 0.69, y - 0.58) <= 0.13 ||
    segment(x, y, 0.31, 0.64, 0.72, 0.64) <= 0.075
  );
}

/** The check mark cut into the cloud. */
function inCheck(x, y) {
  return segment(x, y, 0.41, 0.56, 0.49, 0.64) <= 0.035 || segment(x, y, 0.49, 0.64, 0.64, 0.47) <= 0.035;
}

/** Render with 4x4 supersampling; `paint(x, y)` returns [r, g, b, a] for one sample. */
function render(size, paint) {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = acc[3] / (n * n);
      out[i + 3] = Math.round(alpha);
      // Colour is alpha-weighted; fully transparent pixels stay black (any colour is fine there).
      for (let c = 0; c < 3; c++) out[i + c] = acc[3] ? Math.round(acc[c] / acc[3]) : 0;
    }
  }
  return out;
}

function colorIcon() {
  return encodePng(192, 192, render(192, (x, y) => (inCloud(x, y) && !inCheck(x, y) ? [255, 255, 255, 255] : [...ACCENT, 255])));
}

function outlineIcon() {
  return encodePng(32, 32, render(32, (x, y) => (inCloud(x, y) && !inCheck(x, y) ? [255, 255, 255, 255] : [255, 255, 255, 0])));
}

if (require.main === module) {
  const dir = join(__dirname, '..');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`wrote ${join(dir, 'color.png')} (192x192) and ${join(dir, 'outline.png')} (32x32)\n`);
}

module.exports = { colorIcon, outlineIcon };
