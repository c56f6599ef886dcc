// The server's own output never carries document values (personal data): errors are logged by
// code and namespace, while the client still gets mongod's full error message.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli.ts';
import type { CliServer } from './helpers/cli.ts';
import { errorOf } from './helpers/server.ts';
import type { AnyDoc } from './helpers/server.ts';
import { sendOnce, opMsg } from './helpers/wire.ts';

let cli: CliServer;
let client: MongoClient;
const secret = 'jane.doe.4711@example.org';

beforeAll(async () => {
  cli = await startCli([]);
  client = await MongoClient.connect(cli.uri, { directConnection: true });
});
afterAll(async () => {
  await client?.close();
  cli?.child.kill('SIGTERM');
  await cli?.exited;
});

describe('server logs', () => {
  it('duplicate keys, validation failures and bad commands are not logged with their values', async () => {
    const users = client.db('logging').collection<AnyDoc>('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: secret });
    const dup = await errorOf(() => users.insertOne({ email: secret }));
    expect(dup.message).toContain(secret); // the client gets mongod's message, key included
    await client.db('logging').createCollection('checked', { validator: { age: { $gte: 18 } } });
    await errorOf(() => client.db('logging').collection<AnyDoc>('checked').insertOne({ age: 12, email: secret }));
    await errorOf(() => users.find({ email: secret, $where: 'true' }).toArray());
    await sendOnce(Number(new URL(cli.uri).port), opMsg({ insert: 'users', documents: [{ _id: { $bad: secret } }], $db: 'logging' }));
    await client.db('logging').createCollection('warned', { validator: { age: { $gte: 18 } }, validationAction: 'warn' });
    await client.db('logging').collection<AnyDoc>('warned').insertOne({ age: 12, email: secret });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cli.output()).toMatch(/failed validation/); // the server does log the event itself
    expect(cli.output()).not.toContain(secret);
    expect(cli.output()).not.toContain('jane.doe');
  });
});
