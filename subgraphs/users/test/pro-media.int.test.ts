import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { TINY_JPEG, TINY_WEBP_LOSSY, makePng } from '../src/media/samples.ts';
import { proImageModel } from '../src/models/pro-image.ts';
import { createUser } from '../src/seed/index.ts';
import { MEDIA_BASE_URL, PROFILE_INPUT, PROFILE_OF, UPDATE_PROFILE, as, codes, reasons, startMarketplace } from './marketplace.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const UPLOAD = `mutation ($input: UploadProImageInput!) { uploadProImage(input: $input) { id url contentType byteSize sha256 width height } }`;
const REMOVE = `mutation ($id: ID!) { removeProImage(id: $id) }`;
type Image = { id: string; url: string; contentType: string; byteSize: number; sha256: string; width: number | null; height: number | null };
type Uploaded = { uploadProImage: Image };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const upload = (kind: 'LOGO' | 'GALLERY', bytes: Buffer, contentType = 'image/png') => ({ input: { kind, contentType, dataBase64: bytes.toString('base64') } });

async function setup(options: Parameters<typeof startMarketplace>[1] = {}) {
  const m = await startMarketplace(mongo, options);
  const pro = await createUser(m.db, { role: 'pro' });
  const proId = pro._id.toHexString();
  const files = () => m.db.collection('pro_media.files').countDocuments({});
  const chunks = () => m.db.collection('pro_media.chunks').countDocuments({});
  const listed = () => proImageModel(m.db).countDocuments({});
  return { m, proId, headers: as('pro', proId), files, chunks, listed, media: (sha: string, init?: RequestInit) => fetch(`${m.base}/media/${sha}`, init) };
}

describe('pro images', () => {
  it('stores an upload in GridFS and serves it by hash with immutable caching, ETag and 304', async () => {
    const { m, proId, headers, files, media } = await setup();
    const png = makePng(3, 2);
    const res = await m.call<Uploaded>(UPLOAD, upload('LOGO', png), headers);
    expect(res.body.errors).toBeUndefined();
    const image = res.body.data!.uploadProImage;
    expect(image).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      url: `${MEDIA_BASE_URL}/media/${sha256(png)}`,
      contentType: 'image/png',
      byteSize: png.length,
      sha256: sha256(png),
      width: 3,
      height: 2,
    });
    expect(await files()).toBe(1);

    const got = await media(image.sha256);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('etag')).toBe(`"${image.sha256}"`);
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);

    const cached = await media(image.sha256, { headers: { 'if-none-match': `"${image.sha256}"` } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const head = await media(image.sha256, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(png.length));

    expect((await media('0'.repeat(64))).status).toBe(404);
    expect((await media('not-a-hash')).status).toBe(404);
    expect((await media(image.sha256.toUpperCase())).status).toBe(404);
    expect((await media(image.sha256, { method: 'POST' })).status).toBe(405);

    // The profile lists it once the pro saved a profile.
    await m.call(UPDATE_PROFILE, { input: PROFILE_INPUT }, headers);
    const profile = await m.call<{ user: { proProfile: { logo: { id: string; url: string } | null; images: unknown[] } } }>(PROFILE_OF, { id: proId }, headers);
    expect(profile.body.data?.user.proProfile).toMatchObject({ logo: { id: image.id, url: image.url }, images: [] });
  });

  it('accepts JPEG and WebP when declared as such', async () => {
    const { m, headers } = await setup();
    const jpeg = await m.call<Uploaded>(UPLOAD, upload('GALLERY', TINY_JPEG, 'image/jpeg'), headers);
    expect(jpeg.body.data?.uploadProImage).toMatchObject({ contentType: 'image/jpeg', width: 1, height: 1 });
    const webp = await m.call<Uploaded>(UPLOAD, upload('GALLERY', TINY_WEBP_LOSSY, 'image/webp'), headers);
    expect(webp.body.data?.uploadProImage).toMatchObject({ contentType: 'image/webp', width: 1, height: 1 });
  });

  it.each([
    ['non-image bytes', { kind: 'GALLERY', contentType: 'image/png', dataBase64: Buffer.from('%PDF-1.7 definitely not a picture').toString('base64') }, 'INVALID_IMAGE'],
    ['text that is not base64', { kind: 'GALLERY', contentType: 'image/png', dataBase64: 'this is not base64!' }, 'INVALID_IMAGE'],
    ['nothing at all', { kind: 'GALLERY', contentType: 'image/png', dataBase64: '' }, 'INVALID_IMAGE'],
    ['a PNG declared as JPEG', { kind: 'LOGO', contentType: 'image/jpeg', dataBase64: makePng(1, 1).toString('base64') }, 'CONTENT_TYPE_MISMATCH'],
    ['a JPEG declared as WebP', { kind: 'LOGO', contentType: 'image/webp', dataBase64: TINY_JPEG.toString('base64') }, 'CONTENT_TYPE_MISMATCH'],
    ['an image over the size limit', { kind: 'GALLERY', contentType: 'image/png', dataBase64: makePng(1, 1, [1, 2, 3], 5000).toString('base64') }, 'IMAGE_TOO_LARGE'],
    ['an unsupported type (GIF)', { kind: 'GALLERY', contentType: 'image/gif', dataBase64: Buffer.from('GIF89a').toString('base64') }, 'INVALID_INPUT'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_label, input, reason) => {
    const { m, headers, files, chunks, listed } = await setup({ maxImageBytes: 4096 });
    const res = await m.call(UPLOAD, { input }, headers);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(reasons(res)).toEqual([reason]);
    expect([await files(), await chunks(), await listed()]).toEqual([0, 0, 0]);
  });

  it('refuses a gallery image past the limit; the logo does not count', async () => {
    const { m, headers, files, listed } = await setup({ maxGalleryImages: 2 });
    for (const colour of [[1, 1, 1], [2, 2, 2]] as const) {
      expect((await m.call(UPLOAD, upload('GALLERY', makePng(2, 2, colour)), headers)).body.errors).toBeUndefined();
    }
    const third = await m.call(UPLOAD, upload('GALLERY', makePng(2, 2, [3, 3, 3])), headers);
    expect(codes(third)).toEqual(['BAD_USER_INPUT']);
    expect(reasons(third)).toEqual(['TOO_MANY_IMAGES']);
    expect([await files(), await listed()]).toEqual([2, 2]);
    expect((await m.call(UPLOAD, upload('LOGO', makePng(2, 2, [4, 4, 4])), headers)).body.errors).toBeUndefined();
    expect([await files(), await listed()]).toEqual([3, 3]);
  });

  it('stores identical bytes once per pro; the same bytes as the other kind are refused', async () => {
    const { m, headers, files } = await setup();
    const png = makePng(4, 4, [9, 9, 9]);
    const first = await m.call<Uploaded>(UPLOAD, upload('GALLERY', png), headers);
    const second = await m.call<Uploaded>(UPLOAD, upload('GALLERY', png), headers);
    expect(second.body.data?.uploadProImage.id).toBe(first.body.data?.uploadProImage.id);
    expect(await files()).toBe(1);
    const asLogo = await m.call(UPLOAD, upload('LOGO', png), headers);
    expect(reasons(asLogo)).toEqual(['DUPLICATE_IMAGE']);
    // Another pro uploading the same bytes gets their own copy (removing one never affects the other).
    const other = await createUser(m.db, { role: 'pro' });
    const theirs = await m.call<Uploaded>(UPLOAD, upload('GALLERY', png), as('pro', other._id.toHexString()));
    expect(theirs.body.data?.uploadProImage.id).not.toBe(first.body.data?.uploadProImage.id);
    expect(await files()).toBe(2);
  });

  it('replaces the logo, removes images with their bytes, and refuses other pros and non-pros', async () => {
    const { m, headers, files, media } = await setup();
    const oldLogo = (await m.call<Uploaded>(UPLOAD, upload('LOGO', makePng(1, 1, [5, 5, 5])), headers)).body.data!.uploadProImage;
    const newLogo = (await m.call<Uploaded>(UPLOAD, upload('LOGO', makePng(1, 1, [6, 6, 6])), headers)).body.data!.uploadProImage;
    expect(await files()).toBe(1);
    expect((await media(oldLogo.sha256)).status).toBe(404);
    expect((await media(newLogo.sha256)).status).toBe(200);

    const stranger = await createUser(m.db, { role: 'pro' });
    expect(codes(await m.call(REMOVE, { id: newLogo.id }, as('pro', stranger._id.toHexString())))).toEqual(['NOT_FOUND']);
    expect(codes(await m.call(REMOVE, { id: newLogo.id }, as('client')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(UPLOAD, upload('LOGO', makePng(1, 1)), as('client')))).toEqual(['FORBIDDEN']);
    expect(codes(await m.call(REMOVE, { id: 'x' }, headers))).toEqual(['BAD_USER_INPUT']);
    expect(await files()).toBe(1);

    expect((await m.call<{ removeProImage: boolean }>(REMOVE, { id: newLogo.id }, headers)).body.data?.removeProImage).toBe(true);
    expect(await files()).toBe(0);
    expect((await media(newLogo.sha256)).status).toBe(404);
    expect(codes(await m.call(REMOVE, { id: newLogo.id }, headers))).toEqual(['NOT_FOUND']);
  });

  it('accepts an upload of the full default size (2 MiB) through the HTTP body limit', async () => {
    const { m, headers } = await setup();
    const big = makePng(1, 1, [7, 7, 7], 2 * 1024 * 1024 - 200);
    const res = await m.call<Uploaded>(UPLOAD, upload('GALLERY', big), headers);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.uploadProImage.byteSize).toBe(big.length);
    const tooBig = makePng(1, 1, [8, 8, 8], 2 * 1024 * 1024);
    expect(reasons(await m.call(UPLOAD, upload('GALLERY', tooBig), headers))).toEqual(['IMAGE_TOO_LARGE']);
  });
});
