// Multi-document transactions on a server started in replica-set mode: commit, abort rolls back,
// snapshot isolation, write conflicts (112 + TransientTransactionError) and withTransaction retry.
import { MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import type { ClientSession, Collection, Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, sleep, startServer, waitFor } from './helpers/server.ts';
import type { AnyDoc, TestServer } from './helpers/server.ts';

let ts: TestServer;
let accounts: Collection<AnyDoc>;
let audit: Collection<AnyDoc>;
const sessions: ClientSession[] = [];
const session = () => {
  const s = ts.client.startSession();
  sessions.push(s);
  return s;
};

beforeAll(async () => {
  ts = await startServer({ replSet: 'rs0' });
  const db = ts.client.db('txn');
  accounts = db.collection<AnyDoc>('accounts');
  audit = db.collection<AnyDoc>('audit');
  await db.createCollection('accounts');
  await db.createCollection('audit');
});
afterAll(async () => {
  for (const s of sessions) await s.endSession().catch(() => undefined);
  await ts?.stop();
});
beforeEach(async () => {
  // a failed test must not leave a transaction holding documents for the next one
  for (const s of sessions) if (s.inTransaction()) await s.abortTransaction().catch(() => undefined);
  await accounts.deleteMany({});
  await audit.deleteMany({});
  await accounts.insertMany([{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }] as never[]);
});

describe('transactions (replica-set mode)', () => {
  it('the server presents itself as a replica-set primary', async () => {
    const hello = await ts.client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({ setName: 'rs0', isWritablePrimary: true });
    expect(hello.hosts).toContain(hello.me);
    expect(hello.primary).toBe(hello.me);
  });

  it('commit makes every write visible at once, across collections', async () => {
    const s = session();
    s.startTransaction();
    await accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: -40 } }, { session: s });
    await accounts.updateOne({ _id: 'b' } as never, { $inc: { balance: 40 } }, { session: s });
    await audit.insertOne({ move: 40 }, { session: s });
    expect(await accounts.findOne({ _id: 'a' } as never)).toEqual({ _id: 'a', balance: 100 });
    expect(await audit.countDocuments()).toBe(0);
    await s.commitTransaction();
    expect(await accounts.find({}, { sort: { _id: 1 } }).toArray()).toEqual([{ _id: 'a', balance: 60 }, { _id: 'b', balance: 40 }]);
    expect(await audit.countDocuments()).toBe(1);
  });

  it('abort rolls back inserts, updates and deletes', async () => {
    const s = session();
    s.startTransaction();
    await accounts.insertOne({ _id: 'c', balance: 1 } as never, { session: s });
    await accounts.updateOne({ _id: 'a' } as never, { $set: { balance: 0 } }, { session: s });
    await accounts.deleteOne({ _id: 'b' } as never, { session: s });
    expect(await accounts.countDocuments({}, { session: s })).toBe(2);
    await s.abortTransaction();
    expect(await accounts.find({}, { sort: { _id: 1 } }).toArray()).toEqual([{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }]);
  });

  it('reads inside a transaction see a snapshot, not later outside writes', async () => {
    const s = session();
    s.startTransaction({ readConcern: { level: 'snapshot' } });
    expect(await accounts.findOne({ _id: 'b' } as never, { session: s })).toEqual({ _id: 'b', balance: 0 });
    await accounts.updateOne({ _id: 'b' } as never, { $set: { balance: 999 } });
    await accounts.insertOne({ _id: 'z', balance: 5 } as never);
    expect(await accounts.findOne({ _id: 'b' } as never, { session: s })).toEqual({ _id: 'b', balance: 0 });
    expect(await accounts.countDocuments({}, { session: s })).toBe(2);
    await s.commitTransaction();
    expect(await accounts.findOne({ _id: 'b' } as never)).toEqual({ _id: 'b', balance: 999 });
  });

  it('a concurrent conflicting write fails with WriteConflict (112) labelled TransientTransactionError', async () => {
    const s1 = session();
    const s2 = session();
    s1.startTransaction();
    s2.startTransaction();
    await accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: 1 } }, { session: s1 });
    const err = await errorOf(() => accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: 10 } }, { session: s2 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect((err as unknown as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await s2.abortTransaction().catch(() => undefined);
    await s1.commitTransaction();
    expect(await accounts.findOne({ _id: 'a' } as never)).toEqual({ _id: 'a', balance: 101 });
  });

  it('session.withTransaction retries a conflicting transaction until it succeeds', async () => {
    const s1 = session();
    const s2 = session();
    s1.startTransaction();
    await accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: 1 } }, { session: s1 });
    let attempts = 0;
    const retried = s2.withTransaction(async () => {
      attempts++;
      await accounts.updateOne({ _id: 'a' } as never, { $inc: { balance: 10 } }, { session: s2 });
      await audit.insertOne({ attempt: attempts }, { session: s2 });
    });
    // commit s1 only once s2 has conflicted and retried at least once
    expect(await waitFor(async () => attempts >= 2, 10_000, 10)).toBe(true);
    await s1.commitTransaction();
    await retried;
    expect(attempts).toBeGreaterThan(1);
    expect(await accounts.findOne({ _id: 'a' } as never)).toEqual({ _id: 'a', balance: 111 });
    expect(await audit.countDocuments()).toBe(1);
  });

  it('inserting a duplicate inside a transaction aborts it as a whole', async () => {
    const s = session();
    const err = await errorOf(() =>
      s.withTransaction(async () => {
        await audit.insertOne({ _id: 'x' } as never, { session: s });
        await accounts.insertOne({ _id: 'a' } as never, { session: s });
      }),
    );
    expect(err).toMatchObject({ code: 11000 });
    expect(await audit.countDocuments()).toBe(0);
  });

  it('a transaction writing a document changed outside after its snapshot gets WriteConflict', async () => {
    const s = session();
    s.startTransaction();
    expect(await accounts.findOne({ _id: 'b' }, { session: s })).toEqual({ _id: 'b', balance: 0 });
    await accounts.updateOne({ _id: 'b' }, { $set: { balance: 5 } });
    const err = await errorOf(() => accounts.updateOne({ _id: 'b' }, { $inc: { balance: 1 } }, { session: s }));
    expect(err).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    await s.abortTransaction().catch(() => undefined);
    expect(await accounts.findOne({ _id: 'b' })).toEqual({ _id: 'b', balance: 5 });
  });

  it('a plain write to a document held by an open transaction waits for it to end, then both apply', async () => {
    const s = session();
    s.startTransaction();
    await accounts.updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session: s });
    let plainDone = false;
    const plain = accounts.updateOne({ _id: 'a' }, { $inc: { balance: 10 } }).then(() => (plainDone = true));
    await sleep(200);
    expect(plainDone).toBe(false);
    await s.commitTransaction();
    await plain;
    expect(await accounts.findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 111 });
  });

  it('collections created inside a transaction exist only once it commits', async () => {
    const db = ts.client.db('txn');
    const s = session();
    s.startTransaction();
    await db.collection<AnyDoc>('made_in_txn_aborted').insertOne({ _id: 1 }, { session: s });
    await s.abortTransaction();
    const s2 = session();
    await s2.withTransaction(async () => {
      await db.collection<AnyDoc>('made_in_txn').insertOne({ _id: 1 }, { session: s2 });
    });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('made_in_txn');
    expect(await db.collection<AnyDoc>('made_in_txn_aborted').countDocuments()).toBe(0);
  });

  it('mongoose connection.transaction() commits through the same path', async () => {
    const conn = await mongoose.createConnection(ts.server.uri, { dbName: 'txn' }).asPromise();
    try {
      const Account = conn.model('Account', new mongoose.Schema({ _id: String, balance: Number }), 'accounts');
      await conn.transaction(async (s) => {
        await Account.updateOne({ _id: 'a' }, { $inc: { balance: -25 } }, { session: s });
        await Account.updateOne({ _id: 'b' }, { $inc: { balance: 25 } }, { session: s });
      });
      expect((await Account.find().sort({ _id: 1 }).lean()).map((d) => d.balance)).toEqual([75, 25]);
    } finally {
      await conn.close();
    }
  });
});
