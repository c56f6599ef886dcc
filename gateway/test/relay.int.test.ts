import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './client.ts';
import { startPlatform, type Platform } from './platform.ts';
import { signedInAs } from './sign-in.ts';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SHA256 = createHash('sha256').update(PNG).digest('hex');

const PROFILE = `mutation ($input: UpdateProProfileInput!) { updateMyProProfile(input: $input) { companyName } }`;
const UPLOAD = `mutation ($input: UploadProImageInput!) { uploadProImage(input: $input) { url sha256 contentType } }`;

let platform: Platform;
let mediaUrl: string;

beforeAll(async () => {
  platform = await startPlatform();
  const pro = await signedInAs(platform, 'pro');
  const call = clientFor(platform.graphqlUrl, pro.jar);
  const profile = await call(PROFILE, {
    input: { companyName: 'Pixel Movers', description: 'We move things.', categories: ['MOVING'], serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW' }] },
  });
  expect(profile.errors).toBeUndefined();
  const upload = await call<{ uploadProImage: { url: string; sha256: string } }>(UPLOAD, {
    input: { kind: 'LOGO', contentType: 'image/png', dataBase64: PNG.toString('base64') },
  });
  expect(upload.errors).toBeUndefined();
  expect(upload.data?.uploadProImage.sha256).toBe(SHA256);
  mediaUrl = `${platform.gateway.url}/media/${SHA256}`;
}, 60_000);
afterAll(() => platform?.stop());

describe('/unsubscribe/<token> through the gateway', () => {
  it('relays the confirmation page and the one-click POST exactly as the users subgraph answers them', async () => {
    const path = '/unsubscribe/not-a-valid-token';
    const direct = await fetch(`${platform.subgraphUrls.users.replace('/graphql', '')}${path}`);
    const relayed = await fetch(`${platform.gateway.url}${path}`);
    expect(relayed.status).toBe(direct.status);
    expect(relayed.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(relayed.headers.get('content-security-policy')).toBe(direct.headers.get('content-security-policy'));
    expect(await relayed.text()).toBe(await direct.text());
    const oneClick = { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const directPost = await fetch(`${platform.subgraphUrls.users.replace('/graphql', '')}${path}`, oneClick);
    const relayedPost = await fetch(`${platform.gateway.url}${path}`, oneClick);
    expect(relayedPost.status).toBe(directPost.status);
    expect(await relayedPost.text()).toBe(await directPost.text());
    expect((await fetch(`${platform.gateway.url}${path}`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('GET /media/<sha256> through the gateway', () => {
  it('relays the image bytes with immutable cache headers and the hash as ETag', async () => {
    const response = await fetch(mediaUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(response.headers.get('etag')).toContain(SHA256);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('answers 304 to a matching If-None-Match, 404 to an unknown hash, 405 to a POST', async () => {
    const etag = (await fetch(mediaUrl)).headers.get('etag')!;
    expect((await fetch(mediaUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${platform.gateway.url}/media/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(mediaUrl, { method: 'POST' })).status).toBe(405);
  });
});
