import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '@leadgraph/embedded-mongo';
import { createLogger } from '@leadgraph/logging';
import { Schema, Types } from 'mongoose';
import { connectDatabase, findByIds, findMongodBinary, pingDatabase, resolveMongo } from '../src/index.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger('db-test', { level: 'info', destination }), lines };
}

describe('resolveMongo', () => {
  it('honours MONGODB_URI and logs it without credentials', async () => {
    const server = await start({ port: 0, quiet: true });
    cleanups.push(() => server.stop());
    const { logger, lines } = capturingLogger();
    const withCredentials = server.uri.replace('mongodb://', 'mongodb://app:s3cret@');
    const handle = await resolveMongo({ logger, env: { MONGODB_URI: withCredentials } });
    expect(handle.kind).toBe('uri');
    expect(handle.uri).toBe(withCredentials);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ mongo: 'uri', msg: 'MongoDB: using MONGODB_URI', uri: server.uri });
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it('connects to the database MONGODB_URI names', async () => {
    const server = await start({ port: 0, quiet: true });
    cleanups.push(() => server.stop());
    const handle = await resolveMongo({ logger: capturingLogger().logger, env: { MONGODB_URI: server.uri } });
    const db = await connectDatabase(handle.uri, 'resolve_uri_test');
    cleanups.push(() => db.close());
    expect(await pingDatabase(db)).toBe(true);
  });

  it('starts the embedded server when no mongod binary is available, and says so', async () => {
    const { logger, lines } = capturingLogger();
    // A configured binary that does not exist: nothing to run, nothing is downloaded.
    const env = { MONGOMS_SYSTEM_BINARY: '/nonexistent/mongod' };
    const handle = await resolveMongo({ port: 0, logger, env });
    cleanups.push(() => handle.stop());
    expect(handle.kind).toBe('embedded');
    expect(handle.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines.map((l) => [l.level, l.mongo ?? null])).toEqual([
      ['warn', null],
      ['info', 'embedded'],
    ]);
    expect(lines[0]?.msg).toContain('MONGOMS_SYSTEM_BINARY does not exist');
    expect(lines[1]?.msg).toContain('started the embedded server');
    const db = await connectDatabase(handle.uri, 'resolve_embedded_test');
    cleanups.push(() => db.close());
    expect(await pingDatabase(db)).toBe(true);
  });
});

describe('findByIds', () => {
  it('returns documents in key order with null for missing ones', async () => {
    const server = await start({ port: 0, quiet: true });
    cleanups.push(() => server.stop());
    const db = await connectDatabase(server.uri, 'find_by_ids_test');
    cleanups.push(() => db.close());
    const Thing = db.model('Thing', new Schema({ label: String }));
    const [a, b] = await Thing.insertMany([{ label: 'a' }, { label: 'b' }]);
    const missing = new Types.ObjectId().toHexString();
    const found = await findByIds<{ _id: Types.ObjectId; label: string }>(Thing, [
      b!._id.toHexString(),
      missing,
      a!._id.toHexString(),
      b!._id.toHexString(),
    ]);
    expect(found.map((doc) => doc?.label ?? null)).toEqual(['b', null, 'a', 'b']);
  });
});

describe('findMongodBinary and a mongod that will not start', () => {
  it('finds a configured binary without downloading anything', async () => {
    expect(await findMongodBinary({ MONGOMS_SYSTEM_BINARY: process.execPath })).toBe(process.execPath);
    expect(await findMongodBinary({ MONGOMS_SYSTEM_BINARY: '/nonexistent/mongod' })).toBeUndefined();
  });

  it('falls back to the embedded server when the binary is not a working mongod', async () => {
    const { logger, lines } = capturingLogger();
    const handle = await resolveMongo({ port: 0, logger, env: { MONGOMS_SYSTEM_BINARY: '/bin/true' } });
    cleanups.push(() => handle.stop());
    expect(handle.kind).toBe('embedded');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'info']);
    expect(lines[0]).toMatchObject({ binary: '/bin/true', msg: 'MongoDB: the local mongod did not start; falling back' });
  });
});
