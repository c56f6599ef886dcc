import { Schema, Types, type Connection } from 'mongoose';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { declarePersonalStorage } from '../src/storage.ts';
import { personal, subgraphSdl } from './fixtures.ts';

/**
 * A toy subgraph's schema and storage for the erasure, scan and retention tests: accounts (a
 * kept tombstone), co-owned reviews (author's body and id, pro's reply), messages owned by their
 * sender, visits (technical data with a retention, deleted whole), and requests under legal hold.
 */
export const ERASURE_SDL = subgraphSdl(`
type Query { account(id: ID!): Account }
type Account @key(fields: "id") @dataSubject(fields: ["id"]) {
  id: ID!
  name: String! ${personal({ category: 'USER_NAME', mask: 'NAME_INITIAL', erasure: 'ANONYMIZE' })}
  email: String ${personal({ category: 'USER_CONTACT_EMAIL', mask: 'EMAIL' })}
  phone: String ${personal({ category: 'USER_CONTACT_PHONE', mask: 'PHONE', erasure: 'ANONYMIZE' })}
}
type Review @dataSubject(fields: ["authorId", "proId"]) {
  authorId: ID ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE' })}
  proId: ID!
  body: String! ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE' })}
  rating: Int! ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE', erasure: 'ANONYMIZE' })}
  replyBody: String ${personal({ category: 'USER_CONTENT_PUBLIC', mask: 'NONE' })}
}
type Message @dataSubject(fields: ["clientId", "proId"]) {
  clientId: ID!
  proId: ID!
  body: String! ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', erasure: 'ANONYMIZE' })}
}
type Visit @dataSubject(fields: ["userId"]) {
  userId: ID
  ipAddress: String ${personal({ category: 'USER_DEVICE_IP_ADDRESS', mask: 'NULL', purposes: '[SECURITY]', basis: 'LEGITIMATE_INTERESTS', retention: '"P12M"' })}
}
type Request @dataSubject(fields: ["subjectId"]) {
  subjectId: ID!
  details: String ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT', basis: 'LEGAL_OBLIGATION', erasure: 'LEGAL_HOLD', legalHoldFor: '"P3Y"' })}
  note: String ${personal({ category: 'USER_CONTENT_PRIVATE', mask: 'REDACT' })}
}`);

export const declarations = readPersonalDeclarations(ERASURE_SDL);

export const accountSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    passwordHash: { type: String, default: null },
    tags: { type: [{ label: String, contact: String, _id: false }], default: [] },
  },
  { collection: 'accounts', timestamps: true },
);
declarePersonalStorage(accountSchema, {
  keepDocument: 'the account stays as a disabled tombstone',
  paths: {
    name: 'Account.name',
    email: 'Account.email',
    phone: 'Account.phone',
    'tags.contact': 'Account.email',
    passwordHash: { waiver: 'a credential never exposed, removed by the erasure' },
  },
  subjects: { _id: ['name', 'email', 'phone', 'tags.contact', 'passwordHash'] },
});

const replySchema = new Schema({ body: { type: String, required: true }, at: Date }, { _id: false });
export const reviewSchema = new Schema(
  {
    authorId: { type: Schema.Types.ObjectId, default: null },
    proId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true },
    rating: { type: Number, required: true },
    reply: { type: replySchema, default: null },
  },
  { collection: 'reviews', timestamps: true },
);
declarePersonalStorage(reviewSchema, {
  paths: { authorId: 'Review.authorId', body: 'Review.body', rating: 'Review.rating', 'reply.body': 'Review.replyBody' },
  subjects: { authorId: ['authorId', 'body', 'rating'], proId: ['reply.body'] },
});

export const messageSchema = new Schema(
  {
    clientId: { type: Schema.Types.ObjectId, required: true },
    proId: { type: Schema.Types.ObjectId, required: true },
    senderId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true },
  },
  { collection: 'messages', timestamps: true },
);
declarePersonalStorage(messageSchema, { paths: { body: 'Message.body' }, subjects: { senderId: ['body'] } });

export const visitSchema = new Schema(
  { userId: { type: Schema.Types.ObjectId, default: null }, ipAddress: String, occurredAt: Date },
  { collection: 'visits' },
);
declarePersonalStorage(visitSchema, { paths: { ipAddress: 'Visit.ipAddress' }, subjects: { userId: ['ipAddress'] }, datedBy: 'occurredAt' });

export const requestSchema = new Schema(
  { subjectId: { type: Schema.Types.ObjectId, required: true }, details: String, note: String },
  { collection: 'requests', timestamps: true },
);
declarePersonalStorage(requestSchema, { paths: { details: 'Request.details', note: 'Request.note' }, subjects: { subjectId: ['details'] } });

export const schemas = [accountSchema, reviewSchema, messageSchema, visitSchema, requestSchema];

export const JANE = {
  name: 'Jane Doe',
  email: 'jane.doe@example.com',
  phone: '+44 7700 900123',
  tagContact: 'jane.backup@example.org',
  review: 'Great move, Jane loved it',
  message: 'Hi, this is Jane, call me',
  ip: '203.0.113.7',
  details: 'Please erase everything about Jane',
  note: 'Jane asked twice',
};

/** Jane (the subject), a pro and another client, with data in every collection. */
export async function seed(db: Connection, at: Date) {
  const jane = new Types.ObjectId();
  const pro = new Types.ObjectId();
  const other = new Types.ObjectId();
  const raw = (name: string) => db.collection(name);
  await raw('accounts').insertMany([
    { _id: jane, name: JANE.name, email: JANE.email, phone: JANE.phone, passwordHash: '$argon2id$x', tags: [{ label: 'backup', contact: JANE.tagContact }], createdAt: at },
    { _id: pro, name: 'Paul Pro', email: 'paul@pro.example', phone: '+33 6 12 34 56 78', passwordHash: '$argon2id$y', tags: [], createdAt: at },
  ]);
  await raw('reviews').insertMany([
    { authorId: jane, proId: pro, body: JANE.review, rating: 5, reply: { body: 'Thanks a lot!', at }, createdAt: at },
    { authorId: other, proId: pro, body: 'Someone else wrote this', rating: 2, reply: null, createdAt: at },
  ]);
  await raw('messages').insertMany([
    { clientId: jane, proId: pro, senderId: jane, body: JANE.message, createdAt: at },
    { clientId: jane, proId: pro, senderId: pro, body: 'Sure, I will call you tomorrow', createdAt: at },
    { clientId: jane, proId: pro, senderId: jane, body: 'Thanks Jane here again', createdAt: at },
  ]);
  await raw('visits').insertMany([
    { userId: jane, ipAddress: JANE.ip, occurredAt: at },
    { userId: pro, ipAddress: '198.51.100.1', occurredAt: at },
  ]);
  await raw('requests').insertMany([{ subjectId: jane, details: JANE.details, note: JANE.note, createdAt: at }]);
  return { jane: jane.toHexString(), pro: pro.toHexString(), other: other.toHexString() };
}

/** Every document of every collection, without the erasure's bookkeeping, for state comparisons. */
export async function snapshot(db: Connection): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const name of ['accounts', 'reviews', 'messages', 'visits', 'requests']) {
    state[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
  }
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown[]>;
}
