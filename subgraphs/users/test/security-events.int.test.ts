import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { startTestDatabase } from '@leadgraph/testing';
import { createUser } from '../src/seed/index.ts';
import { PASSWORD, SIGN_IN, anonymousFrom, hashOf, identityHeaders } from './helpers.ts';
import { startWithPrivacy } from './with-privacy.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const MINE = `{ myTechnicalData { edges { node { kind securityEvent ipAddress } } } }`;
type Mine = { myTechnicalData: { edges: Array<{ node: { kind: string; securityEvent: string; ipAddress: string | null } }> } };

async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sign-ins as security events (technical data in the privacy subgraph)', () => {
  it('records a failed and a successful sign-in of an account, with the address, and nothing for an unknown address', async () => {
    const { users, privacy } = await startWithPrivacy(mongo);
    const email = 'sam.secure@example.com';
    const user = await createUser(users.db, { role: 'client', email, passwordHash: await hashOf(PASSWORD) });
    const userId = user._id.toHexString();
    const ip = '198.51.100.77';
    const wrong = await users.call(SIGN_IN, { email, password: 'not the password at all' }, anonymousFrom(ip));
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const unknown = await users.call(SIGN_IN, { email: 'nobody.here@example.com', password: PASSWORD }, anonymousFrom(ip));
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const right = await users.call(SIGN_IN, { email, password: PASSWORD }, anonymousFrom(ip));
    expect(right.body.errors).toBeUndefined();

    const events = await eventually(async () => {
      const mine = await privacy.call<Mine>(MINE, undefined, identityHeaders({ userId, role: 'client' }));
      const nodes = mine.body.data?.myTechnicalData.edges.map((edge) => edge.node) ?? [];
      return nodes.length >= 2 ? nodes : undefined;
    });
    expect(events.map((e) => e.securityEvent).sort()).toEqual(['SIGN_IN', 'SIGN_IN_FAILED']);
    expect(events.every((e) => e.kind === 'SECURITY' && e.ipAddress === ip)).toBe(true);
    expect(await privacy.db.collection('technical_events').countDocuments()).toBe(2);
  });
});
