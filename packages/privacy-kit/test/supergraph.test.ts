import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { Schema } from 'mongoose';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { personalLogKeys } from '../src/log-keys.ts';
import { renderRecordMarkdown } from '../src/record-of-processing.ts';
import { declarePersonalStorage } from '../src/storage.ts';
import { collectionsByField } from '../src/storage-check.ts';
import { recordOfProcessingFromSupergraph, subgraphsByField } from '../src/supergraph.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const USERS = subgraphSdl(`
type Query { user(id: ID!): User }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  email: String! ${personal({ recipients: '["email delivery provider"]' })}
  role: String!
}`);
const LEADS = subgraphSdl(`
type Query { lead(id: ID!): Lead }
type Lead @key(fields: "id") @dataSubject(fields: ["clientId"]) {
  id: ID!
  clientId: ID!
  details: String ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', purposes: '[SERVICE_DELIVERY]', recipients: '["the pro hired for the lead"]' })}
}
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE', purposes: '[SERVICE_DELIVERY]' })}
}`);

const composed = composeServices([
  { name: 'users', url: 'http://users.invalid/graphql', typeDefs: parse(USERS) },
  { name: 'leads', url: 'http://leads.invalid/graphql', typeDefs: parse(LEADS) },
]);
if (composed.errors !== undefined) throw new Error(composed.errors.map((error) => error.message).join('\n'));
const supergraph = composed.supergraphSdl;

const leadSchema = declarePersonalStorage(new Schema({ details: String, clientId: String }, { collection: 'leads' }), {
  paths: { details: 'Lead.details' },
});
const userSchema = declarePersonalStorage(new Schema({ email: String, passwordHash: String }, { collection: 'users' }), {
  paths: { email: 'User.email', passwordHash: { waiver: 'argon2id hash, never exposed' } },
});
const storage = [
  { schema: leadSchema, source: 'lead.ts:1' },
  { schema: userSchema, source: 'user.ts:1' },
];

describe('subgraphsByField', () => {
  it('names the subgraph resolving each field of an entity several subgraphs contribute to', () => {
    const byField = subgraphsByField(supergraph);
    expect(byField.get('User.email')).toEqual(['users']);
    expect(byField.get('User.phone')).toEqual(['leads']);
    expect(byField.get('User.id')).toEqual(['leads', 'users']);
    expect(byField.get('Lead.details')).toEqual(['leads']);
  });
});

describe('recordOfProcessingFromSupergraph', () => {
  const record = recordOfProcessingFromSupergraph(supergraph, { generatedAt: null, collectionsByField: collectionsByField(storage) });

  it('gives per category the fields, subgraphs, collections and recipients', () => {
    const email = record.categories.find((category) => category.key === 'user.contact.email');
    expect(email).toMatchObject({ subgraphs: ['users'], collections: ['users'], recipients: ['email delivery provider'] });
    expect(email?.fields[0]).toMatchObject({ coordinate: 'User.email', subgraphs: ['users'], collections: ['users'], erasure: 'DELETE' });
    const phone = record.categories.find((category) => category.key === 'user.contact.phone');
    expect(phone).toMatchObject({ subgraphs: ['leads'], collections: [] });
  });

  it('is stable for the committed copy: no time, the supergraph digest instead', () => {
    expect(record.generatedAt).toBeNull();
    expect(record.supergraphSha256).toMatch(/^[0-9a-f]{64}$/);
    const again = recordOfProcessingFromSupergraph(supergraph, { generatedAt: null, collectionsByField: collectionsByField(storage) });
    expect(renderRecordMarkdown(again)).toBe(renderRecordMarkdown(record));
    expect(renderRecordMarkdown(record)).toContain('| `Lead.details` | leads | leads | SERVICE_DELIVERY |');
  });
});

describe('personalLogKeys', () => {
  it('lists every personal field name and every declared stored path, waived ones included', () => {
    expect(personalLogKeys(readPersonalDeclarations(supergraph), storage)).toEqual(["details", "email", "passwordHash", "phone"]);
  });
});
