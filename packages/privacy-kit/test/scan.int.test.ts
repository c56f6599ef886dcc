import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { scanForValues } from '../src/scan.ts';

type MongoHandle = Awaited<ReturnType<typeof startTestDatabase>>;

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

async function database() {
  const db = await mongoose.createConnection(mongo.uri, { dbName: uniqueDbName('scan') }).asPromise();
  onTestFinished(async () => {
    await db.dropDatabase();
    await db.close();
  });
  return db;
}

describe('scanForValues', () => {
  it('finds values at any depth of every collection, case-insensitively, and says where, never what', async () => {
    const db = await database();
    await db.collection('people').insertMany([
      { name: 'Jane Doe', contact: { emails: ['JANE.DOE@example.com', 'other@example.com'] }, notes: [{ text: 'call jane.doe@example.com after 5' }] },
      { name: 'Bob', age: 42, id: new mongoose.Types.ObjectId() },
    ]);
    await db.collection('audit').insertOne({ message: 'no value here', at: new Date() });
    const hits = await scanForValues({ connection: db, values: ['jane.doe@example.com', 'Bob'] });
    expect(hits).toEqual([
      { collection: 'people', path: 'contact.emails', count: 1 },
      { collection: 'people', path: 'name', count: 1 },
      { collection: 'people', path: 'notes.text', count: 1 },
    ]);
    expect(JSON.stringify(hits)).not.toMatch(/jane|bob/i);
  });

  it('matches short values exactly only, and ignores blank ones', async () => {
    const db = await database();
    await db.collection('things').insertMany([{ code: 'AB' }, { code: 'ABC-123' }, { code: 'ab' }]);
    expect(await scanForValues({ connection: db, values: ['ab', '  '] })).toEqual([{ collection: 'things', path: 'code', count: 2 }]);
    expect(await scanForValues({ connection: db, values: ['', ' '] })).toEqual([]);
  });

  it("searches GridFS files' names and metadata, not their bytes", async () => {
    const db = await database();
    const bucket = new mongoose.mongo.GridFSBucket(db.db!, { bucketName: 'media' });
    await new Promise<void>((resolve, reject) => {
      const upload = bucket.openUploadStream('jane-doe-passport.png', { metadata: { owner: 'Jane Doe' } });
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(Buffer.from('Jane Doe in the bytes'));
    });
    expect(await scanForValues({ connection: db, values: ['jane-doe-passport', 'Jane Doe'] })).toEqual([
      { collection: 'media.files', path: 'filename', count: 1 },
      { collection: 'media.files', path: 'metadata.owner', count: 1 },
    ]);
  });
});
