import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { eraseSubject, type EraseSubjectOptions } from '../src/erase.ts';
import { ERASED_TEXT } from '../src/erase-document.ts';
import { scanForValues } from '../src/scan.ts';
import { declarations, JANE, schemas, seed, snapshot } from './erasure-fixture.ts';

type MongoHandle = Awaited<ReturnType<typeof startTestDatabase>>;

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const NOW = new Date('2026-06-01T10:00:00Z');

async function database() {
  const db = await mongoose.createConnection(mongo.uri, { dbName: uniqueDbName('erase') }).asPromise();
  onTestFinished(async () => {
    await db.dropDatabase();
    await db.close();
  });
  return db;
}

const janeValues = Object.values(JANE);

describe('eraseSubject', () => {
  it('applies each strategy per owned path and leaves the other party untouched', async () => {
    const db = await database();
    const { jane, pro } = await seed(db, new Date('2026-01-01T00:00:00Z'));
    const before = await scanForValues({ connection: db, values: janeValues });
    expect(before.map((hit) => `${hit.collection}.${hit.path}`)).toEqual(
      expect.arrayContaining(['accounts.name', 'accounts.email', 'accounts.tags.contact', 'reviews.body', 'messages.body', 'visits.ipAddress', 'requests.details']),
    );

    const result = await eraseSubject({ connection: db, schemas, declarations, subjectId: jane, now: NOW });

    expect(result.complete).toBe(true);
    expect(result.heldUntil).toEqual(new Date('2029-06-01T10:00:00Z'));
    expect(result.collections).toEqual([
      { collection: 'accounts', deleted: 1, anonymized: 1, held: 0 },
      { collection: 'messages', deleted: 0, anonymized: 2, held: 0 },
      { collection: 'requests', deleted: 1, anonymized: 0, held: 1 },
      { collection: 'reviews', deleted: 1, anonymized: 1, held: 0 },
      { collection: 'visits', deleted: 1, anonymized: 0, held: 0 },
    ]);

    const account = await db.collection('accounts').findOne({ _id: new Types.ObjectId(jane) });
    expect(account).toMatchObject({ name: 'J. D.', email: null, phone: '•••• 0123', passwordHash: null, tags: [{ label: 'backup' }] });
    expect(account?.tags[0]).not.toHaveProperty('contact');
    const proAccount = await db.collection('accounts').findOne({ _id: new Types.ObjectId(pro) });
    expect(proAccount).toMatchObject({ name: 'Paul Pro', email: 'paul@pro.example' });

    const reviews = await db.collection('reviews').find({ proId: new Types.ObjectId(pro) }).sort({ _id: 1 }).toArray();
    // The author's link and text go; the rating stays, unlinked; the pro's reply is the pro's.
    expect(reviews[0]).toMatchObject({ authorId: null, body: '', rating: 5, reply: { body: 'Thanks a lot!' } });
    expect(reviews[1]).toMatchObject({ body: 'Someone else wrote this', rating: 2 });

    const messages = await db.collection('messages').find({}).sort({ _id: 1 }).toArray();
    expect(messages.map((message) => message.body)).toEqual(['[redacted]', 'Sure, I will call you tomorrow', '[redacted]']);
    expect(String(messages[0]?.senderId)).toBe(jane);

    expect(await db.collection('visits').countDocuments({ userId: new Types.ObjectId(jane) })).toBe(0);
    expect(await db.collection('visits').countDocuments({ userId: new Types.ObjectId(pro) })).toBe(1);

    const request = await db.collection('requests').findOne({ subjectId: new Types.ObjectId(jane) });
    expect(request).toMatchObject({ details: JANE.details, heldUntil: new Date('2029-06-01T10:00:00Z') });
    expect(request).not.toHaveProperty('note');

    // Held values are excluded by the caller; everything else of Jane's is gone.
    const after = await scanForValues({ connection: db, values: janeValues.filter((value) => value !== JANE.details) });
    expect(after).toEqual([]);
  });

  it('is idempotent: a second run changes nothing and counts nothing', async () => {
    const db = await database();
    const { jane } = await seed(db, new Date('2026-01-01T00:00:00Z'));
    await eraseSubject({ connection: db, schemas, declarations, subjectId: jane, now: NOW });
    const once = await snapshot(db);
    const again = await eraseSubject({ connection: db, schemas, declarations, subjectId: jane, now: new Date('2026-07-01T00:00:00Z') });
    expect(again).toEqual({ collections: [], heldUntil: new Date('2029-06-01T10:00:00Z'), complete: true });
    expect(await snapshot(db)).toEqual(once);
  });

  it('completes a run interrupted half-way, ending in the same state as one uninterrupted run', async () => {
    const reference = await database();
    const seeded = await seed(reference, new Date('2026-01-01T00:00:00Z'));
    await eraseSubject({ connection: reference, schemas, declarations, subjectId: seeded.jane, now: NOW });

    const db = await database();
    // Same ids, so the two states compare equal.
    for (const name of ['accounts', 'reviews', 'messages', 'visits', 'requests']) {
      const documents = await reference.collection(name).find({}).toArray();
      expect(documents.length).toBeGreaterThan(0);
    }
    const { jane } = await seed(db, new Date('2026-01-01T00:00:00Z'));
    const controller = new AbortController();
    let written = 0;
    const options: EraseSubjectOptions = { connection: db, schemas, declarations, subjectId: jane, now: NOW };
    const first = await eraseSubject({
      ...options,
      signal: controller.signal,
      onDocument: () => {
        written += 1;
        if (written === 3) controller.abort();
      },
    });
    expect(first.complete).toBe(false);
    expect(await scanForValues({ connection: db, values: [JANE.ip] })).toHaveLength(1);

    const second = await eraseSubject(options);
    expect(second.complete).toBe(true);
    const total = (counts: typeof first.collections) => counts.reduce((sum, c) => sum + c.deleted + c.anonymized + c.held, 0);
    expect(total(first.collections) + total(second.collections)).toBeGreaterThan(total(second.collections));
    expect(await scanForValues({ connection: db, values: janeValues.filter((value) => value !== JANE.details) })).toEqual([]);
    // Same shape as the uninterrupted run, ids aside.
    const strip = (state: Record<string, unknown[]>) =>
      Object.fromEntries(
        Object.entries(state).map(([name, documents]) => [
          name,
          documents.map((document) => {
            const { _id, authorId, proId, clientId, senderId, subjectId, userId, ...rest } = document as Record<string, unknown>;
            void _id; void authorId; void proId; void clientId; void senderId; void subjectId; void userId;
            return rest;
          }),
        ]),
      );
    expect(strip(await snapshot(db))).toEqual(strip(await snapshot(reference)));
  });

  it('reports nothing for an unknown subject and touches nothing', async () => {
    const db = await database();
    await seed(db, new Date('2026-01-01T00:00:00Z'));
    const before = await snapshot(db);
    const result = await eraseSubject({ connection: db, schemas, declarations, subjectId: new Types.ObjectId().toHexString(), now: NOW });
    expect(result).toEqual({ collections: [], heldUntil: null, complete: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('erases the pro side of a co-owned review on the pro\'s erasure, keeping the author\'s text', async () => {
    const db = await database();
    const { pro } = await seed(db, new Date('2026-01-01T00:00:00Z'));
    await eraseSubject({ connection: db, schemas, declarations, subjectId: pro, now: NOW });
    const review = await db.collection('reviews').findOne({ body: JANE.review });
    expect(review).toMatchObject({ body: JANE.review, reply: { body: '' } });
    const messages = await db.collection('messages').find({}).sort({ _id: 1 }).toArray();
    expect(messages.map((message) => message.body)).toEqual([JANE.message, '[redacted]', 'Thanks Jane here again']);
    expect(ERASED_TEXT).toBe('[erased]');
  });
});
