import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { collectPersonalDeclarations, indexDeclarations, readPersonalDeclarations } from '../src/declarations.ts';
import { PersonalDeclarationError, type DeclarationProblemCode } from '../src/declaration-problems.ts';
import { personal, subgraphSdl } from './fixtures.ts';

const VALID = subgraphSdl(`
type Query { user(id: ID!): User }
type Address { street: String city: String postcode: String }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL', purposes: '[ACCOUNT_MANAGEMENT, SERVICE_DELIVERY]' })}
  email: String! ${personal({ recipients: '["email delivery provider"]' })}
  address: Address ${personal({ category: 'USER_CONTACT_ADDRESS', mask: 'ADDRESS_TO_CITY', export: 'false' })}
  iban: String ${personal({ category: 'USER_FINANCIAL_BANK_ACCOUNT', purposes: '[PAYMENTS]', basis: 'LEGAL_OBLIGATION', mask: 'LAST4', retention: '"P6Y"', erasure: 'LEGAL_HOLD', legalHoldFor: '"P6Y"' })}
  lastIp: String ${personal({ category: 'USER_DEVICE_IP_ADDRESS', purposes: '[SECURITY]', basis: 'LEGITIMATE_INTERESTS', mask: 'NULL', retention: '"P12M"' })}
  role: String
}
type Conversation @dataSubject(fields: ["clientId", "proId"]) {
  clientId: ID!
  proId: ID!
  body: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', erasure: 'ANONYMIZE', purposes: '[SERVICE_DELIVERY, SUPPORT]' })}
}`);

function codesOf(body: string): DeclarationProblemCode[] {
  return collectPersonalDeclarations(subgraphSdl(body)).problems.map((problem) => problem.code);
}

function userWith(field: string, type = 'String'): string {
  return `type User @dataSubject(fields: ["id"]) { id: ID! f: ${type} ${field} }`;
}

describe('readPersonalDeclarations', () => {
  it('reads every argument of a valid subgraph', () => {
    const { fields, subjects } = readPersonalDeclarations(VALID);
    expect(fields.map((field) => field.coordinate)).toEqual([
      'User.name', 'User.email', 'User.address', 'User.iban', 'User.lastIp', 'Conversation.body',
    ]);
    const iban = fields.find((field) => field.fieldName === 'iban');
    expect(iban).toMatchObject({
      typeName: 'User',
      category: 'USER_FINANCIAL_BANK_ACCOUNT',
      categoryKey: 'user.financial.bank_account',
      purposes: ['PAYMENTS'],
      basis: 'LEGAL_OBLIGATION',
      mask: 'LAST4',
      retention: { text: 'P6Y', years: 6 },
      erasure: 'LEGAL_HOLD',
      legalHoldFor: { text: 'P6Y', years: 6 },
      export: true,
      recipients: [],
    });
    const email = fields.find((field) => field.fieldName === 'email');
    expect(email).toMatchObject({ retention: null, legalHoldFor: null, recipients: ['email delivery provider'] });
    expect(fields.find((field) => field.fieldName === 'address')?.export).toBe(false);
    expect(subjects).toEqual([
      { typeName: 'User', fields: ['id'], coOwned: false },
      { typeName: 'Conversation', fields: ['clientId', 'proId'], coOwned: true },
    ]);
    expect(indexDeclarations({ fields, subjects }).get('User')?.get('lastIp')?.mask).toBe('NULL');
  });

  it('reads the same declarations from an executable subgraph schema', () => {
    const schema = buildSubgraphSchema({ typeDefs: parse(VALID) });
    expect(readPersonalDeclarations(schema)).toEqual(readPersonalDeclarations(VALID));
  });

  it('follows @link renames and namespaced names', () => {
    const renamed = VALID.replace('import: ["@personal", "@dataSubject"', 'import: [{ name: "@personal", as: "@pii" }, "@dataSubject"')
      .replaceAll('@personal(category', '@pii(category')
      .replace('directive @personal(', 'directive @pii(');
    expect(readPersonalDeclarations(renamed).fields).toHaveLength(6);
    const namespaced = VALID.replace('import: ["@personal", "@dataSubject"', 'as: "priv", import: ["PersonalDataCategory"')
      .replaceAll('@personal(category', '@priv(category')
      .replaceAll('@dataSubject(fields', '@priv__dataSubject(fields');
    expect(readPersonalDeclarations(namespaced).subjects).toHaveLength(2);
    expect(readPersonalDeclarations(namespaced).fields).toHaveLength(6);
  });

  it('merges type extensions', () => {
    const sdl = subgraphSdl(`type Query { ok: Boolean }
      type User @key(fields: "id") { id: ID! }
      extend type User @dataSubject(fields: ["id"]) { email: String ${personal()} }`);
    expect(readPersonalDeclarations(sdl).fields.map((field) => field.coordinate)).toEqual(['User.email']);
  });

  it('throws one error listing every problem, with codes', () => {
    const sdl = subgraphSdl(`type Thing { a: String ${personal({ category: 'USER_SHOE_SIZE' })} b: String ${personal({ retention: '"forever"' })} }`);
    expect(() => readPersonalDeclarations(sdl)).toThrow(PersonalDeclarationError);
    try {
      readPersonalDeclarations(sdl);
      expect.unreachable();
    } catch (error) {
      const problems = (error as PersonalDeclarationError).problems;
      expect(problems.map((problem) => `${problem.code} ${problem.coordinate}`)).toEqual([
        'UNKNOWN_CATEGORY Thing.a',
        'MISSING_DATA_SUBJECT Thing.a',
        'INVALID_DURATION Thing.b',
        'MISSING_DATA_SUBJECT Thing.b',
      ]);
      expect((error as Error).message).toContain('[UNKNOWN_CATEGORY] Thing.a: unknown category "USER_SHOE_SIZE"');
    }
  });
});

describe('declaration problems', () => {
  it.each<[string, string, DeclarationProblemCode[]]>([
    ['an unknown category', userWith(personal({ category: 'USER_SHOE_SIZE' })), ['UNKNOWN_CATEGORY']],
    ['an unknown purpose', userWith(personal({ purposes: '[SELLING_DATA]' })), ['UNKNOWN_PURPOSE']],
    ['no purpose', userWith(personal({ purposes: '[]' })), ['NO_PURPOSE']],
    ['an unknown legal basis', userWith(personal({ basis: 'BECAUSE' })), ['UNKNOWN_LEGAL_BASIS']],
    ['an unknown mask', userWith(personal({ mask: 'BLUR' })), ['UNKNOWN_MASK']],
    ['an unknown erasure', userWith(personal({ erasure: 'FORGET' })), ['UNKNOWN_ERASURE']],
    ['an invalid retention', userWith(personal({ retention: '"12 months"' })), ['INVALID_DURATION']],
    ['an invalid legal hold', userWith(personal({ erasure: 'LEGAL_HOLD', legalHoldFor: '"P6"' })), ['INVALID_DURATION']],
    ['LEGAL_HOLD without legalHoldFor', userWith(personal({ erasure: 'LEGAL_HOLD' })), ['LEGAL_HOLD_WITHOUT_DURATION']],
    ['legalHoldFor without LEGAL_HOLD', userWith(personal({ legalHoldFor: '"P1Y"' })), ['DURATION_WITHOUT_LEGAL_HOLD']],
    ['a personal field without a data subject', `type User { id: ID! f: String ${personal()} }`, ['MISSING_DATA_SUBJECT']],
    ['a subject field that does not exist', `type User @dataSubject(fields: ["ownerId"]) { id: ID! }`, ['UNKNOWN_SUBJECT_FIELD']],
    ['an empty data subject', `type User @dataSubject(fields: []) { id: ID! }`, ['EMPTY_DATA_SUBJECT']],
    ['a personal interface field', `interface Person { email: String ${personal()} }`, ['PERSONAL_ON_INTERFACE_FIELD']],
    ['NULL on a non-null field', userWith(personal({ mask: 'NULL' }), 'String!'), ['MASK_NEEDS_NULLABLE_FIELD']],
    ['a string mask on an Int', userWith(personal({ mask: 'LAST4' }), 'Int'), ['MASK_TYPE_MISMATCH']],
    ['ADDRESS_TO_CITY on free text that cannot be null', userWith(personal({ mask: 'ADDRESS_TO_CITY' }), 'String!'), ['MASK_NEEDS_NULLABLE_FIELD']],
    ['ADDRESS_TO_CITY on an object without a city', `type Place { street: String } ${userWith(personal({ mask: 'ADDRESS_TO_CITY' }), 'Place')}`, ['MASK_TYPE_MISMATCH']],
  ])('reports %s', (_name, body, codes) => {
    expect(codesOf(body)).toEqual(codes);
  });

  it('accepts masks that fit their field types', () => {
    expect(codesOf(userWith(personal({ mask: 'NULL' }), 'Int'))).toEqual([]);
    expect(codesOf(userWith(personal({ mask: 'ADDRESS_TO_CITY' }), '[String]!'))).toEqual([]);
    expect(codesOf(`scalar DateTime ${userWith(personal({ mask: 'REDACT' }), 'DateTime!')}`)).toEqual([]);
    expect(codesOf(userWith(personal({ mask: 'NONE' }), 'Int!'))).toEqual([]);
  });
});
