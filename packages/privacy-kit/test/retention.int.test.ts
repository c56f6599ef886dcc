import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { parseDuration } from '../src/duration.ts';
import { eraseSubject } from '../src/erase.ts';
import { retentionJob, runRetention, subtractDuration } from '../src/retention.ts';
import { declarePersonalStorage } from '../src/storage.ts';
import { declarations, schemas, seed } from './erasure-fixture.ts';
import { personal, subgraphSdl } from './fixtures.ts';

type MongoHandle = Awaited<ReturnType<typeof startTestDatabase>>;

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

async function database() {
  const db = await mongoose.createConnection(mongo.uri, { dbName: uniqueDbName('retention') }).asPromise();
  onTestFinished(async () => {
    await db.dropDatabase();
    await db.close();
  });
  return db;
}

describe('subtractDuration', () => {
  it('goes back in UTC calendar arithmetic', () => {
    expect(subtractDuration(new Date('2026-03-31T12:00:00Z'), parseDuration('P1M')!)).toEqual(new Date('2026-03-03T12:00:00Z'));
    expect(subtractDuration(new Date('2026-06-01T00:00:00Z'), parseDuration('P12M')!)).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(subtractDuration(new Date('2026-06-01T00:00:00Z'), parseDuration('PT36H')!)).toEqual(new Date('2026-05-30T12:00:00Z'));
  });
});

describe('runRetention', () => {
  it('deletes documents older than the retention and keeps younger ones', async () => {
    const db = await database();
    const now = new Date('2026-06-01T00:00:00Z');
    await db.collection('visits').insertMany([
      { userId: new Types.ObjectId(), ipAddress: '203.0.113.1', occurredAt: new Date('2025-05-31T23:59:59Z') },
      { userId: new Types.ObjectId(), ipAddress: '203.0.113.2', occurredAt: new Date('2025-06-01T00:00:01Z') },
    ]);
    expect(await runRetention({ connection: db, schemas, declarations, now })).toEqual({ 'visits:deleted': 1 });
    expect((await db.collection('visits').find({}).toArray()).map((visit) => visit.ipAddress)).toEqual(['203.0.113.2']);
    // A rerun removes nothing more.
    expect(await runRetention({ connection: db, schemas, declarations, now })).toEqual({});
  });

  it('unsets expired values of a kept document and leaves its other values', async () => {
    const sdl = subgraphSdl(`
type Query { profile: Profile }
type Profile @dataSubject(fields: ["userId"]) {
  userId: ID!
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL' })}
  lastIp: String ${personal({ category: 'USER_DEVICE_IP_ADDRESS', mask: 'NULL', retention: '"P30D"' })}
}`);
    const profileSchema = new Schema({ userId: Schema.Types.ObjectId, name: String, lastIp: String, lastSeenAt: Date }, { collection: 'profiles' });
    declarePersonalStorage(profileSchema, {
      paths: { name: 'Profile.name', lastIp: 'Profile.lastIp' },
      subjects: { userId: ['name', 'lastIp'] },
      datedBy: 'lastSeenAt',
    });
    const db = await database();
    await db.collection('profiles').insertMany([
      { userId: new Types.ObjectId(), name: 'Old Timer', lastIp: '203.0.113.9', lastSeenAt: new Date('2026-01-01T00:00:00Z') },
      { userId: new Types.ObjectId(), name: 'New Comer', lastIp: '203.0.113.10', lastSeenAt: new Date('2026-05-20T00:00:00Z') },
    ]);
    const counts = await runRetention({ connection: db, schemas: [profileSchema], declarations: readPersonalDeclarations(sdl), now: new Date('2026-06-01T00:00:00Z') });
    expect(counts).toEqual({ 'profiles:expired': 1 });
    const profiles = await db.collection('profiles').find({}).sort({ _id: 1 }).toArray();
    expect(profiles[0]).toMatchObject({ name: 'Old Timer' });
    expect(profiles[0]).not.toHaveProperty('lastIp');
    expect(profiles[1]).toMatchObject({ name: 'New Comer', lastIp: '203.0.113.10' });
  });

  it('deletes a document under legal hold once its heldUntil passed, not before', async () => {
    const db = await database();
    const seededAt = new Date('2026-05-01T00:00:00Z');
    const { jane } = await seed(db, seededAt);
    const erasedAt = new Date('2026-06-01T00:00:00Z');
    const { heldUntil } = await eraseSubject({ connection: db, schemas, declarations, subjectId: jane, now: erasedAt });
    expect(heldUntil).toEqual(new Date('2029-06-01T00:00:00Z'));

    const job = retentionJob({ connection: db, schemas, declarations });
    const signal = new AbortController().signal;
    expect(await job.handler({ now: () => new Date('2029-05-31T23:59:59Z'), signal })).toEqual({ removed: { 'visits:deleted': 1 } });
    expect(await db.collection('requests').countDocuments()).toBe(1);
    expect(await job.handler({ now: () => new Date('2029-06-01T00:00:00Z'), signal })).toEqual({ removed: { 'requests:held': 1 } });
    expect(await db.collection('requests').countDocuments()).toBe(0);
  });
});
