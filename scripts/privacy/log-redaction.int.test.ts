import { Writable } from 'node:stream';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { looksPersonal, personalStorageOf, collectionOf, type FoundSchema } from '@leadgraph/privacy-kit';
import { createLead } from '@leadgraph/subgraph-leads/seed';
import { createReview } from '@leadgraph/subgraph-reviews/seed';
import { fakeProProfile, insertUsers } from '@leadgraph/subgraph-users/seed';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStorage } from './storage.ts';

// Log redaction derived from the declarations, against real seeded data: every personal value
// the seed factories store (at a declared or personal-looking path) is absent from log lines
// that carry the raw documents, whatever their nesting.

let mongo: MongoHandle;
let storage: FoundSchema[];
const documents: { collection: string; doc: Record<string, unknown> }[] = [];

beforeAll(async () => {
  storage = await loadStorage();
  mongo = await startTestDatabase();
  const [users, leads, reviews] = await Promise.all(['users', 'leads', 'reviews'].map((name) => connectDatabase(mongo.uri, uniqueDbName(`logs_${name}`))));
  try {
    const [client, pro] = await insertUsers(users!, [
      { role: 'client', companyName: null },
      { role: 'pro', companyName: 'Fairweather Removals Ltd', proProfile: fakeProProfile() },
    ]);
    const lead = await createLead(leads!, {
      clientId: client!._id,
      contact: { email: 'robin.fairweather@example.net', phone: '+44 7700 900123', address: '12 Station Road, Stansted' },
    });
    await createReview(reviews!, { authorId: client!._id, proId: pro!._id, leadId: lead._id, body: 'Robin moved our piano without a scratch.' });
    for (const db of [users!, leads!, reviews!]) {
      for (const { name } of await db.db!.listCollections().toArray()) {
        for (const doc of await db.collection(name).find({}).toArray()) documents.push({ collection: name, doc: doc as Record<string, unknown> });
      }
    }
  } finally {
    await Promise.all([users, leads, reviews].map((db) => db?.close()));
  }
});
afterAll(async () => {
  await mongo?.stop();
});

/** The string values stored at `path` (dotted, through arrays) of `doc`. */
function valuesAt(value: unknown, segments: string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, segments));
  if (segments.length === 0) {
    if (typeof value === 'string') return [value];
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) return Object.values(value).flatMap((item) => valuesAt(item, []));
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = segments;
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

/** Every personal value seeded: at each declared path (mapped or waived) and each personal-looking path. */
function seededPersonalValues(): string[] {
  const values = new Set<string>();
  for (const { schema } of storage) {
    const collection = collectionOf(schema);
    const declared = Object.keys(personalStorageOf(schema)?.paths ?? {});
    const personalPaths = [...declared];
    schema.eachPath((path) => {
      if (looksPersonal(path)) personalPaths.push(path);
    });
    for (const { doc } of documents.filter((entry) => entry.collection === collection)) {
      for (const path of personalPaths) for (const value of valuesAt(doc, path.split('.'))) if (value.trim().length >= 3) values.add(value);
    }
  }
  return [...values];
}

describe('log redaction derived from the declarations', () => {
  it('drops every seeded personal value from lines carrying the raw documents, at any depth', () => {
    const values = seededPersonalValues();
    expect(values).toEqual(expect.arrayContaining(['robin.fairweather@example.net', '+44 7700 900123', 'Fairweather Removals Ltd', 'Robin moved our piano without a scratch.']));
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('test', { level: 'info', destination });
    for (const { collection, doc } of documents) {
      log.info(doc, 'document');
      log.info({ collection, document: doc }, 'nested');
      log.info({ batch: { items: [doc] } }, 'deeper');
    }
    const text = lines.join('');
    expect(lines).toHaveLength(documents.length * 3);
    expect(values.filter((value) => text.includes(value))).toEqual([]);
  });
});
