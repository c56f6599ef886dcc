import { crc32, deflateSync } from 'node:zlib';

/**
 * Small valid images built in code, for tests and seeds (no binary fixtures in the repository).
 * `makePng` writes a real, decodable PNG; the JPEG and WebP samples are minimal well-formed
 * headers (what the type check reads), not pictures anyone would look at.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A solid-colour RGB PNG of `width` × `height`; `padding` adds an ancillary text chunk to reach a size. */
export function makePng(width: number, height: number, rgb: readonly [number, number, number] = [200, 30, 30], padding = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels)];
  if (padding > 0) parts.push(chunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(padding, 0x61)])));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export const TINY_PNG = makePng(1, 1);

/** SOI, a JFIF APP0 segment, a baseline SOF0 frame of 1 × 1, EOI. */
export const TINY_JPEG = Buffer.from(
  'ffd8' +
    'ffe000104a46494600010100000100010000' +
    'ffc0000b080001000101011100' +
    'ffd9',
  'hex',
);

function riff(fourcc: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  const body = Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  const total = Buffer.alloc(4);
  total.writeUInt32LE(4 + body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), total, Buffer.from('WEBP', 'latin1'), body]);
}

/** A lossy WebP (VP8) key frame header of 1 × 1. */
export const TINY_WEBP_LOSSY = riff('VP8 ', Buffer.from('9d0100' + '9d012a' + '0100' + '0100' + '0000000000000000', 'hex'));

/** A lossless WebP (VP8L) header of 1 × 1. */
export const TINY_WEBP_LOSSLESS = riff('VP8L', Buffer.from('2f00000000' + '0000000000', 'hex'));
