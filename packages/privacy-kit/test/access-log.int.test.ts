import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';
import { PERSONAL_READ_SCOPE } from '../src/access.ts';
import { createAccessLogWriter } from '../src/access-log.ts';
import { ACCESS_LOG_COLLECTION, accessLogModel, mongoAccessLogStore } from '../src/access-log-store.ts';
import { applyPersonalData } from '../src/transform.ts';
import {
  ADMIN_ID,
  CLIENT,
  CLIENT_ID,
  CONVERSATION_ID,
  MESSAGE,
  OTHER_PRO_ID,
  PRO_ID,
  USER_QUERY,
  buildToySchema,
  contextFor,
  identity,
  run,
} from './toy-subgraph.ts';

type MongoHandle = Awaited<ReturnType<typeof startTestDatabase>>;

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

async function connect(): Promise<mongoose.Connection> {
  const connection = await mongoose
    .createConnection(mongo.uri, { dbName: uniqueDbName('privacy_kit'), serverSelectionTimeoutMS: 2_000 })
    .asPromise();
  onTestFinished(() => connection.close());
  return connection;
}

describe('access log on a real database', () => {
  it('writes one entry per request, actor and subject, with names and reasons but no values', async () => {
    const connection = await connect();
    const writer = createAccessLogWriter({ store: mongoAccessLogStore(connection), flushIntervalMs: 50 });
    const schema = applyPersonalData(buildToySchema(), { log: writer });

    const asSubject = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(CLIENT_ID, 'client'), { requestId: 'req-subject' }));
    const asOther = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(OTHER_PRO_ID, 'pro'), { requestId: 'req-other' }));
    const asHired = await run(schema, USER_QUERY, { id: CLIENT_ID }, contextFor(identity(PRO_ID, 'pro'), { requestId: 'req-hired' }));
    const asAdmin = await run(
      schema,
      `query ($id: ID!, $c: ID!) { user(id: $id) { email } conversation(id: $c) { body } }`,
      { id: CLIENT_ID, c: CONVERSATION_ID },
      contextFor(identity(ADMIN_ID, 'admin'), { requestId: 'req-admin', adminReason: 'DSR-12 verification' }),
    );
    const asIntegrator = await run(schema, `query ($id: ID!) { user(id: $id) { phone } }`, { id: CLIENT_ID }, contextFor(identity('crm-sync', null, [PERSONAL_READ_SCOPE]), { requestId: 'req-int' }));
    expect((asSubject.data?.user as { email: string }).email).toBe(CLIENT.email);
    expect((asOther.data?.user as { email: string }).email).toBe('j***@e***.com');
    expect((asHired.data?.user as { email: string }).email).toBe(CLIENT.email);
    expect(asAdmin.data).toEqual({ user: { email: CLIENT.email }, conversation: { body: MESSAGE } });
    expect(asIntegrator.data).toEqual({ user: { phone: CLIENT.phone } });

    // The interval flush writes the batch off the request path; stop() writes anything left.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(writer.stats().written).toBe(4);
    await writer.stop();
    expect(writer.stats()).toMatchObject({ written: 4, dropped: 0, failedFlushes: 0, buffered: 0 });

    const stored = await connection.collection(ACCESS_LOG_COLLECTION).find({}, { projection: { _id: 0 } }).sort({ requestId: 1, fields: 1 }).toArray();
    expect(stored.map(({ at, ...rest }) => ({ ...rest, fields: [...(rest.fields as string[])].sort(), atIsDate: at instanceof Date }))).toEqual([
      { actorId: ADMIN_ID, actorRole: 'admin', subjectIds: [CLIENT_ID, PRO_ID], fields: ['Conversation.body'], reason: 'ADMIN_WITH_REASON', adminReason: 'DSR-12 verification', requestId: 'req-admin', atIsDate: true },
      { actorId: ADMIN_ID, actorRole: 'admin', subjectIds: [CLIENT_ID], fields: ['User.email'], reason: 'ADMIN_WITH_REASON', adminReason: 'DSR-12 verification', requestId: 'req-admin', atIsDate: true },
      { actorId: PRO_ID, actorRole: 'pro', subjectIds: [CLIENT_ID], fields: ['User.address', 'User.email', 'User.iban', 'User.name', 'User.phone'], reason: 'RELATIONSHIP', adminReason: null, requestId: 'req-hired', atIsDate: true },
      { actorId: 'crm-sync', actorRole: null, subjectIds: [CLIENT_ID], fields: ['User.phone'], reason: 'INTEGRATOR_SCOPE', adminReason: null, requestId: 'req-int', atIsDate: true },
    ]);
    const everything = JSON.stringify(stored);
    for (const value of [CLIENT.name, CLIENT.email, CLIENT.phone, CLIENT.iban, CLIENT.address.street, CLIENT.address.postcode, MESSAGE]) {
      expect(everything).not.toContain(value);
    }

    // "Who read my data?" is one indexed query on the subject.
    const model = accessLogModel(connection);
    await model.syncIndexes();
    const indexes = await connection.collection(ACCESS_LOG_COLLECTION).indexes();
    expect(indexes.map((index) => index.name)).toEqual(expect.arrayContaining(['subjectIds_1_at_-1', 'actorId_1_at_-1']));
    expect(await model.countDocuments({ subjectIds: PRO_ID })).toBe(1);
  });

  it('never blocks the request path when the database is gone, and counts what it drops', async () => {
    const connection = await connect();
    await connection.close();
    const errors: unknown[] = [];
    const writer = createAccessLogWriter({ store: mongoAccessLogStore(connection), flushIntervalMs: 60_000, maxBuffer: 2, onFlushError: (error) => errors.push(error) });
    const schema = applyPersonalData(buildToySchema(), { log: writer });
    const started = performance.now();
    for (const requestId of ['a', 'b', 'c']) {
      const result = await run(schema, `query ($id: ID!) { user(id: $id) { email } }`, { id: CLIENT_ID }, contextFor(identity(PRO_ID, 'pro'), { requestId }));
      expect(result.data).toEqual({ user: { email: CLIENT.email } });
    }
    expect(performance.now() - started).toBeLessThan(1_000);
    await writer.stop();
    expect(writer.stats()).toMatchObject({ recorded: 3, written: 0, dropped: 1, buffered: 2, failedFlushes: 1 });
    expect(errors).toHaveLength(1);
  });
});
