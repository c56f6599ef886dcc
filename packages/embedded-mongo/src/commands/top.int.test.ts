import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type EmbeddedMongo } from '../index.ts';

interface TopEntry {
  total: { count: number };
  queries: { count: number };
  getmore: { count: number };
  insert: { count: number };
  update: { count: number };
  remove: { count: number };
  commands: { count: number };
}

describe('top', () => {
  let server: EmbeddedMongo;
  let client: MongoClient;
  beforeAll(async () => {
    server = await start({ quiet: true });
    client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('counts each command against the namespace it names, like mongod', async () => {
    const coll = client.db('topdb').collection('things');
    await coll.insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
    await coll.find({}, { batchSize: 2 }).toArray(); // find + 2 getMore
    await coll.updateOne({ i: 1 }, { $set: { j: 1 } });
    await coll.deleteOne({ i: 2 });
    await coll.countDocuments(); // an aggregate: counted under commands
    const { totals } = (await client.db('admin').command({ top: 1 })) as { totals: Record<string, TopEntry> };
    const entry = totals['topdb.things']!;
    expect(entry.insert.count).toBe(1);
    expect(entry.queries.count).toBe(1);
    expect(entry.getmore.count).toBe(2);
    expect(entry.update.count).toBe(1);
    expect(entry.remove.count).toBe(1);
    expect(entry.commands.count).toBe(1);
    expect(entry.total.count).toBe(7);
    expect(totals['topdb.other']).toBeUndefined();
  });
});
