// Unified-format operations mapped onto the Node driver's API.
import type { ClientSession, Collection, Db, Document, MongoClient } from 'mongodb';
import type { Entities } from './match.ts';

interface Op { name: string; object: string; arguments?: Document }

/** Splits the spec's arguments: named positional ones out, `session` resolved, the rest are options. */
function options(entities: Entities, args: Document, positional: string[]): Document {
  const opts: Document = {};
  for (const [key, value] of Object.entries(args)) {
    if (positional.includes(key)) continue;
    if (key === 'session') opts.session = entities.get(value as string) as ClientSession;
    else if (key === 'returnDocument') opts.returnDocument = String(value).toLowerCase();
    else opts[key] = value;
  }
  return opts;
}

async function collectionOperation(entities: Entities, coll: Collection, name: string, a: Document): Promise<unknown> {
  const o = (...positional: string[]) => options(entities, a, positional);
  switch (name) {
    case 'aggregate': return coll.aggregate(a.pipeline, o('pipeline')).toArray();
    case 'bulkWrite': return coll.bulkWrite(a.requests, o('requests'));
    case 'count': return coll.count(a.filter, o('filter'));
    case 'countDocuments': return coll.countDocuments(a.filter, o('filter'));
    case 'estimatedDocumentCount': return coll.estimatedDocumentCount(o());
    case 'distinct': return coll.distinct(a.fieldName, a.filter ?? {}, o('fieldName', 'filter'));
    case 'deleteOne': return coll.deleteOne(a.filter, o('filter'));
    case 'deleteMany': return coll.deleteMany(a.filter, o('filter'));
    case 'find': return coll.find(a.filter ?? {}, o('filter')).toArray();
    case 'findOne': return coll.findOne(a.filter ?? {}, o('filter'));
    case 'findOneAndDelete': return coll.findOneAndDelete(a.filter, o('filter'));
    case 'findOneAndReplace': return coll.findOneAndReplace(a.filter, a.replacement, o('filter', 'replacement'));
    case 'findOneAndUpdate': return coll.findOneAndUpdate(a.filter, a.update, o('filter', 'update'));
    case 'insertOne': return coll.insertOne(a.document, o('document'));
    case 'insertMany': return coll.insertMany(a.documents, o('documents'));
    case 'replaceOne': return coll.replaceOne(a.filter, a.replacement, o('filter', 'replacement'));
    case 'updateOne': return coll.updateOne(a.filter, a.update, o('filter', 'update'));
    case 'updateMany': return coll.updateMany(a.filter, a.update, o('filter', 'update'));
    case 'createIndex': return coll.createIndex(a.keys, o('keys'));
    case 'dropIndex': return coll.dropIndex(a.name, o('name'));
    case 'listIndexes': return coll.listIndexes(o()).toArray();
    case 'drop': return coll.drop(o());
    default: throw new Error(`unsupported collection operation ${name}`);
  }
}

async function databaseOperation(entities: Entities, db: Db, name: string, a: Document): Promise<unknown> {
  const o = (...positional: string[]) => options(entities, a, positional);
  switch (name) {
    case 'runCommand': return db.command(a.command, o('command', 'commandName'));
    case 'aggregate': return db.aggregate(a.pipeline, o('pipeline')).toArray();
    case 'createCollection': return db.createCollection(a.collection, o('collection'));
    case 'dropCollection': return db.dropCollection(a.collection, o('collection'));
    case 'listCollections': return db.listCollections(a.filter ?? {}, o('filter')).toArray();
    case 'listCollectionNames': return (await db.listCollections(a.filter ?? {}, o('filter')).toArray()).map((c) => c.name);
    default: throw new Error(`unsupported database operation ${name}`);
  }
}

async function testRunnerOperation(entities: Entities, name: string, a: Document): Promise<unknown> {
  const client = [...entities.values()].find((e): e is MongoClient => (e as { constructor?: { name?: string } })?.constructor?.name === 'MongoClient');
  if (!client) throw new Error('testRunner operation needs a client entity');
  const db = client.db(a.databaseName);
  switch (name) {
    case 'assertCollectionExists':
    case 'assertCollectionNotExists': {
      const exists = (await db.listCollections({ name: a.collectionName }).toArray()).length > 0;
      if (exists !== (name === 'assertCollectionExists')) throw new Error(`${name} failed for ${a.collectionName}`);
      return undefined;
    }
    case 'assertIndexExists':
    case 'assertIndexNotExists': {
      const indexes = await db.collection(a.collectionName).listIndexes().toArray().catch(() => [] as Document[]);
      const exists = indexes.some((i) => i.name === a.indexName);
      if (exists !== (name === 'assertIndexExists')) throw new Error(`${name} failed for ${a.indexName}`);
      return undefined;
    }
    default: throw new Error(`unsupported testRunner operation ${name}`);
  }
}

export async function runOperation(entities: Entities, op: Op): Promise<unknown> {
  const args = op.arguments ?? {};
  if (op.object === 'testRunner') return testRunnerOperation(entities, op.name, args);
  const target = entities.get(op.object);
  if (target === undefined) throw new Error(`unknown entity ${op.object}`);
  const kind = (target as { constructor: { name: string } }).constructor.name;
  if (kind === 'Collection') return collectionOperation(entities, target as Collection, op.name, args);
  if (kind === 'Db') return databaseOperation(entities, target as Db, op.name, args);
  throw new Error(`unsupported operation ${op.name} on ${kind}`);
}
