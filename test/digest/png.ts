// A minimal PNG reader for screenshot checks (no image library): chunks, IHDR, IDAT inflated
// with node:zlib, the five scanline filters undone. 8-bit greyscale, RGB and RGBA,
// non-interlaced — what Chromium writes.
import zlib from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(buf: Buffer): Image {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('png: not a PNG file');
  let off = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  if (bitDepth !== 8 || !channels || interlace !== 0)
    throw new Error(`png: unsupported format (depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = 0;
          break;
        case 1:
          v = a;
          break;
        case 2:
          v = b;
          break;
        case 3:
          v = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`png: bad filter ${filter} on row ${y}`);
      }
      cur[x] = (line[x]! + v) & 0xff;
    }
    out.set(cur, y * stride);
    prev = cur;
  }
  // To RGBA.
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const [r, g, b, al] =
      channels === 4
        ? [out[s]!, out[s + 1]!, out[s + 2]!, out[s + 3]!]
        : channels === 3
          ? [out[s]!, out[s + 1]!, out[s + 2]!, 255]
          : channels === 2
            ? [out[s]!, out[s]!, out[s]!, out[s + 1]!]
            : [out[s]!, out[s]!, out[s]!, 255];
    pixels.set([r, g, b, al], i * 4);
  }
  return { width, height, pixels };
}

export function pixel(img: Image, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.pixels[i]!, img.pixels[i + 1]!, img.pixels[i + 2]!];
}

/** Pixels close to an RGB colour (each channel within `tol`). */
export function countColour(img: Image, rgb: [number, number, number], tol = 12): number {
  let n = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    const o = i * 4;
    if (
      Math.abs(img.pixels[o]! - rgb[0]) <= tol &&
      Math.abs(img.pixels[o + 1]! - rgb[1]) <= tol &&
      Math.abs(img.pixels[o + 2]! - rgb[2]) <= tol
    )
      n++;
  }
  return n;
}

/** Rows that have at least one pixel that is not (nearly) white. */
export function inkRows(img: Image): number[] {
  const rows: number[] = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const [r, g, b] = pixel(img, x, y);
      if (r < 240 || g < 240 || b < 240) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}
