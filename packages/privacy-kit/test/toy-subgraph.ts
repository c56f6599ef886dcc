import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import type { PrivacyRequestContext } from '../src/transform.ts';
import { graphqlAsSubgraphLoadsIt, personal, subgraphSdl } from './fixtures.ts';

/** A small users-and-conversations subgraph using the directive, with data in memory. */
export const TOY_SDL = subgraphSdl(`
type Query {
  user(id: ID!): User
  conversation(id: ID!): Conversation
}
type Address { street: String city: String postcode: String }
type User @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL' })}
  email: String! ${personal({ category: 'USER_CONTACT_EMAIL', mask: 'EMAIL', purposes: '[ACCOUNT_MANAGEMENT, SERVICE_MESSAGES]' })}
  phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE', purposes: '[SERVICE_DELIVERY]' })}
  address: Address ${personal({ category: 'USER_CONTACT_ADDRESS', mask: 'ADDRESS_TO_CITY', purposes: '[SERVICE_DELIVERY]' })}
  iban: String ${personal({ category: 'USER_FINANCIAL_BANK_ACCOUNT', mask: 'LAST4', purposes: '[PAYMENTS]', basis: 'LEGAL_OBLIGATION', erasure: 'LEGAL_HOLD', legalHoldFor: '"P6Y"' })}
  bio: String ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE', purposes: '[SERVICE_DELIVERY]' })}
  role: String!
}
type Conversation @key(fields: "id") @dataSubject(fields: ["clientId", "proId"]) {
  id: ID!
  clientId: ID!
  proId: ID!
  body: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', purposes: '[SERVICE_DELIVERY, SUPPORT]', erasure: 'ANONYMIZE' })}
}`);

export const CLIENT_ID = new Types.ObjectId().toHexString();
export const PRO_ID = new Types.ObjectId().toHexString();
export const OTHER_PRO_ID = new Types.ObjectId().toHexString();
export const ADMIN_ID = new Types.ObjectId().toHexString();
export const CONVERSATION_ID = new Types.ObjectId().toHexString();

/** The client's personal values: none of them may appear in an access-log entry. */
export const CLIENT = {
  name: 'Jane Doe',
  email: 'jane.doe@example.com',
  phone: '+44 7700 900123',
  address: { street: '1 Station Road', city: 'Stansted', postcode: 'CM24 8BE' },
  iban: 'GB33BUKB20201555555555',
  bio: 'Renovating an old barn.',
};
export const MESSAGE = 'Gate code is 4711, come after six.';

interface UserDocument {
  _id: Types.ObjectId;
  role: string;
  name: string;
  email: string;
  phone: string | null;
  address: typeof CLIENT.address | null;
  iban: string | null;
  bio: string | null;
}

const users = new Map<string, UserDocument>([
  [CLIENT_ID, { _id: new Types.ObjectId(CLIENT_ID), role: 'client', ...CLIENT }],
  [PRO_ID, { _id: new Types.ObjectId(PRO_ID), role: 'pro', name: 'Bob Builder', email: 'bob@builders.test', phone: null, address: null, iban: null, bio: null }],
]);

/** Pros hired by a client: the domain lets them see that client's contact details. */
const hiredBy = new Map<string, Set<string>>([[CLIENT_ID, new Set([PRO_ID])]]);

export function buildToySchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(TOY_SDL),
    resolvers: {
      Query: {
        user: (_parent: unknown, args: { id: string }) => users.get(args.id) ?? null,
        conversation: (_parent: unknown, args: { id: string }) =>
          args.id === CONVERSATION_ID
            ? { id: CONVERSATION_ID, clientId: new Types.ObjectId(CLIENT_ID), proId: PRO_ID, body: MESSAGE }
            : null,
      },
      User: {
        __resolveReference: (reference: { id: string }) => users.get(reference.id) ?? null,
        id: (user: UserDocument) => user._id.toHexString(),
        // An async resolver: masking must wait for the value.
        email: async (user: UserDocument) => user.email,
      },
    } as never,
  });
}

export function identity(userId: string | null, role: Identity['role'], scopes: string[] = []): Identity {
  return { userId, role, sessionId: userId === null ? null : 'session', authenticatedAt: userId === null ? null : 0, scopes, clientIp: null };
}

/** A request context for `identity`; the hired pro relationship is checked asynchronously. */
export function contextFor(who: Identity, extra: { adminReason?: string; requestId?: string } = {}): PrivacyRequestContext {
  return {
    identity: who,
    privacy: {
      ...extra,
      relationship: async (typeName, parent) =>
        typeName === 'User' &&
        who.userId !== null &&
        hiredBy.get((parent as UserDocument)._id.toHexString())?.has(who.userId) === true,
    },
  };
}

export const USER_QUERY = `query ($id: ID!) { user(id: $id) { id role name email phone address { street city postcode } iban bio } }`;

export async function run(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  context: PrivacyRequestContext,
): Promise<ExecutionResult> {
  return graphqlAsSubgraphLoadsIt.execute({ schema, document: parse(query), variableValues: variables, contextValue: context });
}
