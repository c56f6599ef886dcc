import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseObjectId } from '@leadgraph/db';
import { codeOf } from '../client.ts';
import { startPlatform, type Platform } from '../platform.ts';
import {
  COMPLETE,
  HIRE,
  POST_LEAD,
  RESPOND,
  WRITE_REVIEW,
  dataOf,
  database,
  type Database,
  inDays,
  leadInput,
  seededPerson,
  snapshot,
  verifiedPro,
  type Person,
} from './support.ts';

/**
 * Bad inputs through the gateway: each gets a clear `extensions.code`, and the databases hold
 * exactly what they held before (compared document by document).
 */
const UPLOAD = 'mutation ($input: UploadProImageInput!) { uploadProImage(input: $input) { id } }';
const LEAD_COLLECTIONS = ['leads', 'responses', 'messages'];
const REVIEW_COLLECTIONS = ['reviews', 'pro_ratings'];
const IMAGE_COLLECTIONS = ['pro_images', 'pro_media.files', 'pro_media.chunks'];

/** A valid 1×1 PNG header followed by `size` bytes in all (enough for the type sniffing). */
function pngOfSize(size: number): string {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const bytes = Buffer.alloc(size);
  header.copy(bytes);
  return bytes.toString('base64');
}

describe('bad marketplace inputs through the gateway', () => {
  let platform: Platform;
  let leadsDb: Database;
  let reviewsDb: Database;
  let usersDb: Database;
  let admin: Person;
  let client: Person;
  let pros: Person[];

  beforeAll(async () => {
    platform = await startPlatform();
    [leadsDb, reviewsDb, usersDb] = await Promise.all([database(platform, 'leads'), database(platform, 'reviews'), database(platform, 'users')]);
    admin = await seededPerson(platform, 'admin');
    client = await seededPerson(platform, 'client', 'Robin Client');
    pros = [];
    for (let i = 0; i < 6; i += 1) pros.push(await verifiedPro(platform, admin));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([leadsDb, reviewsDb, usersDb].map((db) => db?.close()));
    await platform?.stop();
  });

  const badLeads: Array<[string, Record<string, unknown>, string]> = [
    ['a date that does not exist', { dates: { fixed: { startDate: '2027-02-30', endDate: '2027-03-02' } } }, 'input.dates.fixed.startDate'],
    ['a date that is not a date', { dates: { fixed: { startDate: 'next tuesday', endDate: inDays(40) } } }, 'input.dates.fixed.startDate'],
    ['a start date in the past', { dates: { fixed: { startDate: inDays(-3), endDate: inDays(2) } } }, 'input.dates.fixed.startDate'],
    ['an end date before the start', { dates: { fixed: { startDate: inDays(20), endDate: inDays(10) } } }, 'input.dates.fixed.endDate'],
    ['dates more than two years ahead', { dates: { fixed: { startDate: inDays(800), endDate: inDays(801) } } }, 'input.dates.fixed.startDate'],
    ['both fixed and flexible dates', { dates: { fixed: { startDate: inDays(20), endDate: inDays(21) }, flexible: { earliestDate: inDays(20), latestDate: inDays(30), durationDays: 2 } } }, 'input.dates'],
    ['a negative budget', { budget: { min: -100, max: 5_000, currency: 'GBP' } }, 'input.budget.min'],
    ['a reversed budget', { budget: { min: 90_000, max: 50_000, currency: 'GBP' } }, 'input.budget.max'],
  ];

  it.each(badLeads)('postLead with %s is BAD_USER_INPUT naming the field, and stores nothing', async (_label, overrides, field) => {
    const before = await snapshot(leadsDb, LEAD_COLLECTIONS);
    const answer = await client.browser.send(POST_LEAD, { input: leadInput(overrides) });
    expect(answer.data).toBeNull();
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    // The gateway passes only `code` and `serviceName` on; the message names the field.
    expect(answer.errors?.[0]?.message.startsWith(`${field}: `), answer.errors?.[0]?.message).toBe(true);
    expect(await snapshot(leadsDb, LEAD_COLLECTIONS)).toEqual(before);
  });

  it('a sixth response to a lead is LEAD_FULL and is not stored', async () => {
    const { postLead } = dataOf(await client.browser.send<{ postLead: { id: string } }>(POST_LEAD, { input: leadInput() }));
    const respond = (pro: Person) =>
      pro.browser.send(RESPOND, { input: { leadId: postLead.id, quote: { amount: 60_000, currency: 'GBP' }, message: 'We can do it.' } });
    for (const pro of pros.slice(0, 5)) dataOf(await respond(pro));
    const before = await snapshot(leadsDb, LEAD_COLLECTIONS);
    const sixth = await respond(pros[5]!);
    expect(sixth.data).toBeNull();
    expect(codeOf(sixth)).toBe('LEAD_FULL');
    expect(await snapshot(leadsDb, LEAD_COLLECTIONS)).toEqual(before);
    expect(await leadsDb.collection('responses').countDocuments({ leadId: parseObjectId(postLead.id) })).toBe(5);
  });

  it('a second review of the same lead is ALREADY_REVIEWED and changes neither the reviews nor the rating', async () => {
    const pro = pros[0]!;
    const { postLead } = dataOf(await client.browser.send<{ postLead: { id: string } }>(POST_LEAD, { input: leadInput({ title: 'Clean after the move' }) }));
    const { respondToLead } = dataOf(
      await pro.browser.send<{ respondToLead: { id: string } }>(RESPOND, {
        input: { leadId: postLead.id, quote: { amount: 20_000, currency: 'GBP' }, message: 'Happy to.' },
      }),
    );
    dataOf(await client.browser.send(HIRE, { id: respondToLead.id }));
    dataOf(await client.browser.send(COMPLETE, { id: postLead.id }));
    dataOf(await client.browser.send(WRITE_REVIEW, { input: { leadId: postLead.id, rating: 4, body: 'Quick and tidy, thank you.' } }));
    const before = await snapshot(reviewsDb, REVIEW_COLLECTIONS);
    const again = await client.browser.send(WRITE_REVIEW, { input: { leadId: postLead.id, rating: 1, body: 'Changed my mind about it.' } });
    expect(again.data).toBeNull();
    expect(codeOf(again)).toBe('ALREADY_REVIEWED');
    expect(await snapshot(reviewsDb, REVIEW_COLLECTIONS)).toEqual(before);
  });

  it('a review with a rating outside 1..5 or a too-short text is BAD_USER_INPUT and stores nothing', async () => {
    const before = await snapshot(reviewsDb, REVIEW_COLLECTIONS);
    const leadId = '0123456789abcdef01234567';
    for (const input of [{ leadId, rating: 6, body: 'A perfectly long review.' }, { leadId, rating: 3, body: 'short' }]) {
      const answer = await client.browser.send(WRITE_REVIEW, { input });
      expect(answer.data).toBeNull();
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    }
    expect(await snapshot(reviewsDb, REVIEW_COLLECTIONS)).toEqual(before);
  });

  const badUploads: Array<[string, Record<string, unknown>, string]> = [
    ['text declared as a PNG', { kind: 'LOGO', contentType: 'image/png', dataBase64: Buffer.from('hello, not an image at all').toString('base64') }, 'not a PNG, JPEG or WebP image'],
    ['a PNG declared as a JPEG', { kind: 'GALLERY', contentType: 'image/jpeg', dataBase64: pngOfSize(1_000) }, 'not image/jpeg'],
    ['a PDF', { kind: 'LOGO', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.7 not an image').toString('base64') }, 'contentType'],
    ['data that is not base64', { kind: 'LOGO', contentType: 'image/png', dataBase64: '***' }, 'not a base64-encoded image'],
  ];

  it.each(badUploads)('uploading %s is BAD_USER_INPUT and stores nothing', async (_label, input, says) => {
    const before = await snapshot(usersDb, IMAGE_COLLECTIONS);
    const answer = await pros[1]!.browser.send(UPLOAD, { input });
    expect(answer.data).toBeNull();
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toContain(says);
    expect(await snapshot(usersDb, IMAGE_COLLECTIONS)).toEqual(before);
  });

  it('an image just over the 2 MiB limit is BAD_USER_INPUT and stores nothing', async () => {
    const before = await snapshot(usersDb, IMAGE_COLLECTIONS);
    const answer = await pros[1]!.browser.send(UPLOAD, { input: { kind: 'GALLERY', contentType: 'image/png', dataBase64: pngOfSize(2 * 1024 * 1024 + 1) } });
    expect(answer.data).toBeNull();
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toContain('larger than');
    expect(await snapshot(usersDb, IMAGE_COLLECTIONS)).toEqual(before);
  });

  it('an upload far over the 2 MiB image limit is refused at the gateway (413, PAYLOAD_TOO_LARGE) and stores nothing', async () => {
    const before = await snapshot(usersDb, IMAGE_COLLECTIONS);
    const answer = await pros[1]!.browser.send(UPLOAD, { input: { kind: 'GALLERY', contentType: 'image/png', dataBase64: pngOfSize(3 * 1024 * 1024) } });
    expect(answer.status).toBe(413);
    expect(answer.data ?? null).toBeNull();
    expect(codeOf(answer)).toBe('PAYLOAD_TOO_LARGE');
    expect(await snapshot(usersDb, IMAGE_COLLECTIONS)).toEqual(before);
  });
});
