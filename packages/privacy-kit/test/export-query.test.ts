import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { buildExportPlan } from '../src/export-query.ts';
import { erasableValues, personalValuesOf } from '../src/export-values.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const FED = ['@key', '@inaccessible'];

/** A toy graph: users owns the account, leads contributes leads and messages, privacy the root. */
const USERS = subgraphSdl(
  `
type Query { user(id: ID!): User }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  email: String! ${personal()}
  passwordHint: String ${personal({ category: 'USER_AUTHORIZATION_CREDENTIALS', mask: 'NULL', export: 'false' })}
  profile: Profile
  secretFlag: Boolean @inaccessible
}
type Profile @dataSubject(fields: ["userId"]) {
  userId: ID!
  phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE' })}
  address: Address ${personal({ category: 'USER_CONTACT_ADDRESS', mask: 'ADDRESS_TO_CITY' })}
  tags: [Tag!]!
}
type Address { street: String  city: String }
enum Tag { A B }
type DataSubject @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  account: User
}`,
  FED,
);

const LEADS = subgraphSdl(
  `
type Query { lead(id: ID!): Lead }
type Lead @key(fields: "id") @dataSubject(fields: ["clientId"]) {
  id: ID!
  clientId: ID!
  title: String!
  description: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT' })}
  client: User!
  thread: Thread
  messages(first: Int): [Message!]!
}
type Thread { lead: Lead  parent: Thread  count: Int! }
type Message @dataSubject(fields: ["senderId"]) {
  senderId: ID!
  body: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', erasure: 'ANONYMIZE' })}
  internalScore: Int ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'NULL', export: 'false' })}
  lead: Lead
}
type User @key(fields: "id") { id: ID! }
type DataSubject @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  leadsPosted: [Lead!]!
  messagesSent: [Message!]!
}`,
  FED,
);

const PRIVACY = subgraphSdl(
  `
type Query { dataSubject(id: ID!): DataSubject }
type DataSubject @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  consentHistory: [Consent!]!
}
type Consent @dataSubject(fields: ["userId"]) {
  userId: ID!
  granted: Boolean! ${personal({ category: 'USER_PRIVACY_PREFERENCES', mask: 'NONE', basis: 'LEGAL_OBLIGATION' })}
  note: String ${personal({ category: 'USER_PRIVACY_PREFERENCES', mask: 'NULL', erasure: 'LEGAL_HOLD', legalHoldFor: '"P3Y"' })}
}`,
  FED,
);

function compose(services: Array<{ name: string; sdl: string }>): string {
  const result = composeServices(services.map(({ name, sdl }) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: parse(sdl) })));
  if (result.errors !== undefined) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

const toy = compose([
  { name: 'users', sdl: USERS },
  { name: 'leads', sdl: LEADS },
  { name: 'privacy', sdl: PRIVACY },
]);

/** The selection text without spaces, for comparing shapes. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('buildExportPlan on a toy supergraph', () => {
  const plan = buildExportPlan(toy);

  it('generates one query rooted at dataSubject(id) selecting every exported field', () => {
    expect(plan.operationName).toBe('DataSubjectExport');
    // Contributions from three subgraphs, in one query.
    expect(squash(plan.query)).toMatch(/^query DataSubjectExport\(\$id: ID!\) \{ dataSubject\(id: \$id\) \{ id /);
    expect(plan.query).toContain('account {');
    expect(plan.query).toContain('leadsPosted {');
    expect(plan.query).toContain('messagesSent {');
    expect(plan.query).toContain('consentHistory { userId granted note }');
    // Nested objects are expanded, personal object fields with their subfields, enums as leaves.
    expect(plan.query).toContain('profile { userId phone address { street city } tags }');
  });

  it('expands the entities DataSubject returns but only references others by id', () => {
    expect(plan.query).toContain('account { id email profile');
    expect(plan.query).toContain('client { id }');
    expect(plan.query).toMatch(/messagesSent \{ senderId body lead \{ id \} \}/);
    expect(plan.fields.find((field) => field.coordinate === 'Lead.client')?.kind).toBe('REFERENCE');
  });

  it('leaves out export: false fields, fields with arguments, @inaccessible fields and cycles', () => {
    expect(plan.query).not.toContain('passwordHint');
    expect(plan.query).not.toContain('internalScore');
    expect(plan.query).not.toMatch(/\bmessages\b/);
    expect(plan.query).not.toContain('secretFlag');
    expect(plan.notExported).toEqual(['Message.internalScore', 'User.passwordHint']);
    // Thread.parent would be Thread again on the same path: not expanded.
    expect(plan.query).toContain('thread { lead { id } count }');
  });

  it('selects every exported personal field reachable from DataSubject', () => {
    const selected = new Set(plan.fields.map((field) => field.coordinate));
    const exported = readPersonalDeclarations(toy).fields.filter((field) => field.export).map((field) => field.coordinate);
    for (const coordinate of exported) expect(selected, coordinate).toContain(coordinate);
  });

  it('parses against the composed schema (valid GraphQL)', () => {
    expect(() => parse(plan.query)).not.toThrow();
  });

  it('finds the personal values of a result, covered by the nearest declaration', () => {
    const result = {
      id: 'u1',
      account: { id: 'u1', email: 'ada@example.test', profile: { userId: 'u1', phone: '+44 7700 900123', address: { street: '1 Lovelace Row', city: 'Leeds' }, tags: ['A'] } },
      leadsPosted: [{ id: 'l1', clientId: 'u1', title: 'Move', description: 'A piano to move', client: { id: 'u1' }, thread: null }],
      messagesSent: [{ senderId: 'u1', body: 'Hello there', lead: { id: 'l1' } }],
      consentHistory: [{ userId: 'u1', granted: true, note: 'held by law' }],
    };
    const values = personalValuesOf(plan, result);
    expect(values.map((value) => [value.location, value.declaration.coordinate, value.value])).toEqual([
      ['account.email', 'User.email', 'ada@example.test'],
      ['account.profile.phone', 'Profile.phone', '+44 7700 900123'],
      ['account.profile.address.street', 'Profile.address', '1 Lovelace Row'],
      ['account.profile.address.city', 'Profile.address', 'Leeds'],
      ['leadsPosted[0].description', 'Lead.description', 'A piano to move'],
      ['messagesSent[0].body', 'Message.body', 'Hello there'],
      ['consentHistory[0].granted', 'Consent.granted', true],
      ['consentHistory[0].note', 'Consent.note', 'held by law'],
    ]);
    // The scan gets the strings an erasure removes: not the held note, not booleans.
    expect(erasableValues(values)).toEqual({
      values: ['ada@example.test', '+44 7700 900123', '1 Lovelace Row', 'Leeds', 'A piano to move', 'Hello there'],
      held: 1,
    });
  });

  it('refuses a schema without the subject type or the root field', () => {
    expect(() => buildExportPlan(compose([{ name: 'users', sdl: USERS.replace(/type DataSubject[\s\S]*?\n}/, '') }]))).toThrow(/DataSubject/);
    expect(() => buildExportPlan(compose([{ name: 'users', sdl: USERS }]))).toThrow(/Query\.dataSubject/);
  });
});

/** Personal fields the export does not reach on purpose, each with why. */
const NOT_REACHED: Record<string, string> = {};

describe('buildExportPlan on the real supergraph (schema/supergraph.graphql)', () => {
  const real = () => {
    const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8');
    const plan = buildExportPlan(sdl);
    return { plan, selected: new Set(plan.fields.map((field) => field.coordinate)), declarations: readPersonalDeclarations(sdl).fields };
  };

  it('selects every exported @personal field of the graph, and no export: false one', () => {
    const { plan, selected, declarations } = real();
    const missing = declarations
      .filter((field) => field.export && !selected.has(field.coordinate) && NOT_REACHED[field.coordinate] === undefined)
      .map((field) => field.coordinate);
    expect(missing).toEqual([]);
    for (const field of declarations.filter((d) => !d.export)) expect(selected.has(field.coordinate), field.coordinate).toBe(false);
    expect(plan.notExported).toEqual(declarations.filter((d) => !d.export && plan.notExported.includes(d.coordinate)).map((d) => d.coordinate).sort());
  });

  it('covers the account, leads, messages, reviews and the privacy records in one query', () => {
    const { plan, selected } = real();
    for (const coordinate of [
      'User.email',
      'User.name',
      'ProProfile.businessPhone',
      'Lead.description',
      'LeadContact.email',
      'Response.message',
      'Message.body',
      'Review.body',
      'ReviewReply.body',
      'ConsentRecord.granted',
      'TechnicalEvent.ipAddress',
      'DataSubjectRequest.details',
    ]) {
      expect(selected, coordinate).toContain(coordinate);
    }
    expect(() => parse(plan.query)).not.toThrow();
  });
});
