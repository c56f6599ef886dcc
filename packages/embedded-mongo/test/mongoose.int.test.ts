// mongoose 9 against the embedded server, as the subgraphs use it: schemas with indexes,
// syncIndexes, countDocuments, populate, findOneAndUpdate with upsert, insertMany unordered.
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

let ts: TestServer;
let conn: Connection;
let User: ReturnType<typeof models>['User'];
let Lead: ReturnType<typeof models>['Lead'];

const userSchema = new mongoose.Schema({
  email: { type: String, required: true, unique: true },
  name: String,
  role: { type: String, enum: ['client', 'pro', 'admin'], default: 'client' },
  createdAt: { type: Date, default: () => new Date() },
});
userSchema.index({ role: 1, createdAt: -1 });

const leadSchema = new mongoose.Schema({
  title: String,
  owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' },
  budget: Number,
  tags: [String],
});
leadSchema.index({ owner: 1 });

const models = (c: Connection) => ({ User: c.model('User', userSchema), Lead: c.model('Lead', leadSchema) });

beforeAll(async () => {
  ts = await startServer();
  conn = await mongoose.createConnection(ts.server.uri, { dbName: 'mongoose_test', serverSelectionTimeoutMS: 5_000 }).asPromise();
  ({ User, Lead } = models(conn));
  await User.init();
  await Lead.init();
});
afterAll(async () => {
  await conn?.close();
  await ts?.stop();
});

describe('mongoose models', () => {
  it('creates, reads, updates and deletes documents', async () => {
    const u = await User.create({ email: 'ann@x.io', name: 'Ann' });
    expect(u._id).toBeInstanceOf(mongoose.Types.ObjectId);
    const found = await User.findById(u._id).lean();
    expect(found).toMatchObject({ email: 'ann@x.io', name: 'Ann', role: 'client' });
    expect(found?.createdAt).toBeInstanceOf(Date);
    u.name = 'Ann B';
    await u.save();
    expect((await User.findOne({ email: 'ann@x.io' }).lean())?.name).toBe('Ann B');
    expect((await User.deleteOne({ _id: u._id })).deletedCount).toBe(1);
  });

  it('declared indexes are built; syncIndexes drops undeclared ones and adds missing ones', async () => {
    await User.collection.createIndex({ name: 1 });
    const dropped = await User.syncIndexes();
    expect(dropped).toEqual(['name_1']);
    const names = (await User.listIndexes()).map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(['_id_', 'email_1', 'role_1_createdAt_-1']);
    const diff = await User.diffIndexes();
    expect(diff).toEqual({ toDrop: [], toCreate: [] });
  });

  it('unique index violations surface as E11000 MongoServerError through mongoose', async () => {
    await User.create({ email: 'dup@x.io' });
    const err = await errorOf(() => User.create({ email: 'dup@x.io' }));
    expect(err).toMatchObject({ name: 'MongoServerError', code: 11000, keyValue: { email: 'dup@x.io' } });
  });

  it('countDocuments and estimatedDocumentCount', async () => {
    await Lead.insertMany([{ title: 'a', budget: 10 }, { title: 'b', budget: 20 }, { title: 'c', budget: 30 }]);
    expect(await Lead.countDocuments({ budget: { $gte: 20 } })).toBe(2);
    expect(await Lead.countDocuments()).toBe(3);
    expect(await Lead.estimatedDocumentCount()).toBe(3);
    await Lead.deleteMany({});
  });

  it('populate resolves references across collections', async () => {
    const owner = await User.create({ email: 'pop@x.io', name: 'Owner' });
    await Lead.create([{ title: 'trip', owner: owner._id }, { title: 'move', owner: owner._id }]);
    const leads = await Lead.find({ owner: owner._id }).sort({ title: 1 }).populate<{ owner: { name: string } }>('owner').lean();
    expect(leads.map((l) => [l.title, l.owner.name])).toEqual([['move', 'Owner'], ['trip', 'Owner']]);
    await Lead.deleteMany({});
  });

  it('findOneAndUpdate with upsert creates, then updates, returning the new document', async () => {
    const created = await Lead.findOneAndUpdate({ title: 'upserted' }, { $set: { budget: 5 }, $addToSet: { tags: 'x' } }, { upsert: true, new: true }).lean();
    expect(created).toMatchObject({ title: 'upserted', budget: 5, tags: ['x'] });
    const updated = await Lead.findOneAndUpdate({ title: 'upserted' }, { $inc: { budget: 1 } }, { upsert: true, new: true }).lean();
    expect(updated?._id.toString()).toBe(created?._id.toString());
    expect(updated?.budget).toBe(6);
    expect(await Lead.countDocuments({ title: 'upserted' })).toBe(1);
    await Lead.deleteMany({});
  });

  it('insertMany with ordered: false inserts the valid documents and reports the duplicates', async () => {
    await User.create({ email: 'taken@x.io' });
    const err = await errorOf(() => User.insertMany([{ email: 'n1@x.io' }, { email: 'taken@x.io' }, { email: 'n2@x.io' }], { ordered: false }));
    expect(err).toMatchObject({ code: 11000 });
    const emails = (await User.find({ email: /^(n1|n2|taken)@/ }).sort({ email: 1 }).lean()).map((u) => u.email);
    expect(emails).toEqual(['n1@x.io', 'n2@x.io', 'taken@x.io']);
  });

  it('validation errors stay client-side and aggregate works through models', async () => {
    await expect(User.create({ email: 'bad@x.io', role: 'owner' as never })).rejects.toMatchObject({ name: 'ValidationError' });
    const byRole = await User.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$role', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(byRole.map((r) => r._id)).toEqual(['client']);
    expect(byRole[0]?.n).toBe(await User.countDocuments({ role: 'client' }));
  });
});

describe('operator families through mongoose', () => {
  const priceSchema = new mongoose.Schema({
    sku: { type: String, index: true },
    amount: mongoose.Schema.Types.Decimal128,
    units: BigInt,
    sizes: [{ s: String, n: Number }],
    tags: [String],
  });

  it('Decimal128 and BigInt (int64) fields round-trip and compare with plain numbers', async () => {
    const Price = conn.model('Price', priceSchema);
    await Price.create([
      { sku: 'a', amount: '10.50', units: 9007199254740993n },
      { sku: 'b', amount: '2.25', units: 3n },
    ]);
    const a = await Price.findOne({ sku: 'a' });
    expect(a?.amount?.toString()).toBe('10.50');
    expect(a?.units).toBe(9007199254740993n);
    expect((await Price.find({ amount: { $gt: 5 } } as never).lean()).map((p) => p.sku)).toEqual(['a']);
    expect((await Price.find({ units: { $lt: 10 } } as never).lean()).map((p) => p.sku)).toEqual(['b']);
    expect((await Price.find({}).sort({ units: -1 }).lean()).map((p) => p.sku)).toEqual(['a', 'b']);
  });

  it('array queries and updates: $elemMatch, positional $, arrayFilters, $push/$pull, distinct', async () => {
    const Price = conn.model('Price', priceSchema);
    await Price.create({ sku: 'arr', sizes: [{ s: 'S', n: 1 }, { s: 'M', n: 5 }], tags: ['x', 'y'] });
    expect(await Price.exists({ sizes: { $elemMatch: { s: 'M', n: { $gte: 5 } } } })).not.toBeNull();
    await Price.updateOne({ sku: 'arr', 'sizes.s': 'S' }, { $inc: { 'sizes.$.n': 10 } });
    await Price.updateOne({ sku: 'arr' }, { $set: { 'sizes.$[big].s': 'L' } }, { arrayFilters: [{ 'big.n': { $gte: 5 } }] });
    await Price.updateOne({ sku: 'arr' }, { $push: { tags: 'z' }, $pull: { sizes: { s: 'L', n: 5 } } });
    const doc = await Price.findOne({ sku: 'arr' }).lean();
    expect(doc?.sizes.map((z) => [z.s, z.n])).toEqual([['L', 11]]);
    expect(doc?.tags).toEqual(['x', 'y', 'z']);
    expect((await Price.distinct('sku')).sort()).toEqual(['a', 'arr', 'b']);
  });

  it('query cursors stream every document in order', async () => {
    const Price = conn.model('Price', priceSchema);
    await Price.insertMany(Array.from({ length: 120 }, (_, i) => ({ sku: `s${String(i).padStart(3, '0')}` })));
    const seen: string[] = [];
    for await (const p of Price.find({ sku: /^s\d+$/ }).sort({ sku: 1 }).batchSize(25).cursor()) seen.push(p.sku ?? '');
    expect(seen).toHaveLength(120);
    expect(seen[0]).toBe('s000');
    expect(seen[119]).toBe('s119');
  });
});

describe('mongoose features the subgraphs lean on', () => {
  const noteSchema = new mongoose.Schema(
    { key: { type: String, unique: true }, text: String, items: [{ label: String }] },
    { timestamps: true },
  );

  it('timestamps: create sets both; updates move updatedAt only; upserts set createdAt once', async () => {
    const Note = conn.model('Note', noteSchema);
    await Note.init();
    const created = await Note.create({ key: 'n1', text: 'a' });
    expect(created.createdAt).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const updated = await Note.findOneAndUpdate({ key: 'n1' }, { text: 'b' }, { new: true }).lean();
    expect(updated?.createdAt.getTime()).toBe(created.createdAt.getTime());
    expect(updated!.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    const upserted = await Note.findOneAndUpdate({ key: 'n2' }, { text: 'c' }, { upsert: true, new: true }).lean();
    expect(upserted?.createdAt).toBeInstanceOf(Date);
    const again = await Note.findOneAndUpdate({ key: 'n2' }, { text: 'd' }, { upsert: true, new: true }).lean();
    expect(again?.createdAt.getTime()).toBe(upserted?.createdAt.getTime());
  });

  it('subdocument arrays: push, then pull by the generated ObjectId', async () => {
    const Note = conn.model('Note', noteSchema);
    const note = await Note.create({ key: 'n3', items: [{ label: 'x' }, { label: 'y' }] });
    const yId = note.items[1]!._id;
    await Note.updateOne({ _id: note._id }, { $pull: { items: { _id: yId } } });
    await Note.updateOne({ _id: note._id }, { $push: { items: { label: 'z' } } });
    expect((await Note.findById(note._id).lean())?.items.map((i) => i.label)).toEqual(['x', 'z']);
  });

  it('populate with select and match; Model.bulkWrite with mixed operations', async () => {
    const owner = await User.create({ email: 'bulk@x.io', name: 'Bulk' });
    await Lead.bulkWrite([
      { insertOne: { document: { title: 'b1', owner: owner._id, budget: 1 } } },
      { insertOne: { document: { title: 'b2', owner: owner._id, budget: 2 } } },
      { updateOne: { filter: { title: 'b1' }, update: { $inc: { budget: 10 } } } },
      { deleteOne: { filter: { title: 'b2' } } },
      { updateOne: { filter: { title: 'b3' }, update: { $set: { budget: 3 } }, upsert: true } },
    ]);
    const leads = await Lead.find({ title: /^b\d$/ }).sort({ title: 1 }).populate({ path: 'owner', select: 'name -_id', match: { name: 'Bulk' } }).lean();
    expect(leads.map((l) => [l.title, l.budget, (l.owner as { name?: string } | null)?.name ?? null])).toEqual([['b1', 11, 'Bulk'], ['b3', 3, null]]);
    await Lead.deleteMany({});
  });

  it('syncIndexes is stable for unique, sparse, partial, TTL and compound indexes (nothing to drop or create)', async () => {
    const schema = new mongoose.Schema({ a: String, b: Number, c: Date, d: String, e: Boolean });
    schema.index({ a: 1 }, { unique: true, sparse: true });
    schema.index({ b: -1, a: 1 }, { name: 'b_desc_a' });
    schema.index({ c: 1 }, { expireAfterSeconds: 3_600 });
    schema.index({ d: 1 }, { unique: true, partialFilterExpression: { e: true } });
    const Rich = conn.model('Rich', schema);
    await Rich.syncIndexes();
    expect(await Rich.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
    expect(await Rich.syncIndexes()).toEqual([]);
    const byName = Object.fromEntries((await Rich.listIndexes()).map((i: { name: string }) => [i.name, i]));
    expect(byName.c_1).toMatchObject({ key: { c: 1 }, expireAfterSeconds: 3_600 });
    expect(byName.d_1).toMatchObject({ unique: true, partialFilterExpression: { e: true } });
  });
});
