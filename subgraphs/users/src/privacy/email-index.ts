import type { Connection } from 'mongoose';

/**
 * A one-off migration run at start, before the models build their indexes: databases created
 * before erasure had a plain unique `email_1` index, which counts a missing address as null and so
 * admits one erased account only. The model now declares it partial (`email` present); mongoose
 * cannot change an index's options in place (same name, "an existing index has the same name"),
 * so the old one is dropped and `model.init()` creates the new one. Idempotent: a partial index
 * is left alone, and a database without the collection has nothing to migrate.
 */
export async function replaceLegacyEmailIndex(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (db === undefined) return false;
  const exists = await db.listCollections({ name: 'users' }, { nameOnly: true }).hasNext();
  if (!exists) return false;
  const indexes = await db.collection('users').indexes();
  const legacy = indexes.find((index) => index.name === 'email_1' && index.partialFilterExpression === undefined);
  if (legacy === undefined) return false;
  await db.collection('users').dropIndex('email_1');
  return true;
}
