import { describe, expect, it } from 'vitest';
import { decodeBase64, decodedLength, sniffImage } from './image-bytes.ts';
import { TINY_JPEG, TINY_PNG, TINY_WEBP_LOSSLESS, TINY_WEBP_LOSSY } from './samples.ts';

describe('sniffImage', () => {
  it('recognises PNG, JPEG and WebP with their dimensions', () => {
    expect(sniffImage(TINY_PNG)).toEqual({ contentType: 'image/png', width: 1, height: 1 });
    expect(sniffImage(TINY_JPEG)).toEqual({ contentType: 'image/jpeg', width: 1, height: 1 });
    expect(sniffImage(TINY_WEBP_LOSSY)).toEqual({ contentType: 'image/webp', width: 1, height: 1 });
    expect(sniffImage(TINY_WEBP_LOSSLESS)).toEqual({ contentType: 'image/webp', width: 1, height: 1 });
  });

  it('refuses other bytes: text, GIF, SVG, a truncated header', () => {
    expect(sniffImage(Buffer.from('hello, not an image'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a\u0001\u0000\u0001\u0000'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(TINY_PNG.subarray(0, 12))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('base64', () => {
  it('decodes strict base64 and measures it without decoding', () => {
    expect(decodeBase64('aGk=')?.toString()).toBe('hi');
    expect(decodedLength('aGk=')).toBe(2);
    expect(decodedLength(TINY_PNG.toString('base64'))).toBe(TINY_PNG.length);
  });

  it('refuses what is not base64', () => {
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('aGk=\n')).toBeNull();
    expect(decodeBase64('a')).toBeNull();
  });
});
