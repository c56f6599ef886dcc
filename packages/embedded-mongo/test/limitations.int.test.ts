// Documented limitations of the embedded server, asserted as such: each unsupported feature is
// refused with a clear error (never silently accepted), and the server keeps serving afterwards.
import type { Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startServer } from './helpers/server.ts';
import type { TestServer } from './helpers/server.ts';

let ts: TestServer;
let db: Db;
beforeAll(async () => {
  ts = await startServer();
  db = ts.client.db('limitations');
  await db.collection('docs').insertOne({ body: 'hello world', loc: { type: 'Point', coordinates: [0, 0] } });
});
afterAll(async () => {
  await ts?.stop();
});
afterEach(async () => {
  expect(await db.collection('docs').countDocuments()).toBe(1);
});

describe('known limitations are refused with a clear error', () => {
  it('views: create with viewOn → 115 CommandNotSupported', async () => {
    const err = await errorOf(() => db.createCollection('v', { viewOn: 'docs', pipeline: [] }));
    expect(err).toMatchObject({ code: 115, codeName: 'CommandNotSupported' });
    expect(err.message).toMatch(/views are not supported/i);
  });
  it('capped collections → 115 CommandNotSupported', async () => {
    const err = await errorOf(() => db.createCollection('cap', { capped: true, size: 4096 }));
    expect(err).toMatchObject({ code: 115, codeName: 'CommandNotSupported' });
    expect(err.message).toMatch(/capped collections are not supported/i);
  });
  it('text and 2dsphere indexes → 67 CannotCreateIndex naming the index type', async () => {
    const text = await errorOf(() => db.collection('docs').createIndex({ body: 'text' }));
    expect(text).toMatchObject({ code: 67, codeName: 'CannotCreateIndex' });
    expect(text.message).toContain("'text'");
    const geo = await errorOf(() => db.collection('docs').createIndex({ loc: '2dsphere' }));
    expect(geo).toMatchObject({ code: 67 });
    expect(geo.message).toContain("'2dsphere'");
    expect((await db.collection('docs').listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
  it('$text queries → a server error naming $text', async () => {
    const err = await errorOf(() => db.collection('docs').find({ $text: { $search: 'hello' } }).toArray());
    expect(err.message).toMatch(/\$text/);
  });
  it('change streams → a server error naming $changeStream', async () => {
    const err = await errorOf(() => db.collection('docs').watch().tryNext());
    expect(err.message).toMatch(/\$changeStream/);
  });
  it('collation → 2 BadValue naming the locale', async () => {
    const err = await errorOf(() => db.collection('docs').find({}, { collation: { locale: 'fr' } }).toArray());
    expect(err).toMatchObject({ code: 2, codeName: 'BadValue' });
    expect(err.message).toMatch(/collation \(locale 'fr'\) is not supported/);
  });
  it('server-side JavaScript ($where, $function) → 2 BadValue', async () => {
    const where = await errorOf(() => db.collection('docs').find({ $where: 'true' }).toArray());
    expect(where).toMatchObject({ code: 2 });
    expect(where.message).toMatch(/\$where: server-side JavaScript is not supported/);
    const fn = await errorOf(() => db.collection('docs').aggregate([{ $project: { x: { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } } } }]).toArray());
    expect(fn).toMatchObject({ code: 2 });
    expect(fn.message).toMatch(/\$function: server-side JavaScript is not supported/);
  });
});
