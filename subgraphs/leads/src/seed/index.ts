import { Types, type Connection } from 'mongoose';
import { expiresAtFor } from '../lifecycle/expiry.ts';
import { LEAD_CATEGORIES, leadModel, type LeadCategoryName, type LeadRecord, type LeadStatusName } from '../models/lead.ts';
import { messageModel } from '../models/message.ts';
import { pendingNotificationModel } from '../models/pending-notification.ts';
import { responseModel, type ResponseRecord } from '../models/response.ts';
import { postalKey } from '../services/post-lead-input.ts';
import { SEED_CURRENCY, SEED_PLACES, type SeedPlace } from './places.ts';
import { fakeLeadTitle, pick } from './words.ts';

export { SEED_PLACES, SEED_POSTAL_PREFIXES, type SeedPlace } from './places.ts';
export { seedMarketplace, type MarketplaceSeed, type MarketplaceSeedOptions, type SeedPro } from './marketplace.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Seed factories for leads: tests and `pnpm seed` build data with these. Each returns what
 * it created, as read back from the database (or, for the bulk ones, exactly what was inserted).
 */
export interface LeadInput {
  /** The client who posted it (a user id from the users subgraph). */
  clientId: Types.ObjectId | string;
  title?: string;
  category?: LeadCategoryName;
  createdAt?: Date;
  status?: LeadStatusName;
  /** Default: a random seed place. */
  countryCode?: string;
  city?: string;
  postalCode?: string;
  /** Default: now + 30..200 days (fixed dates). */
  startDate?: string;
  /** Default: 60 days after `createdAt` at most (see expiresAtFor). */
  expiresAt?: Date;
  hiredProId?: Types.ObjectId | string | null;
  hiredResponseId?: Types.ObjectId | string | null;
  completedAt?: Date | null;
  responseCount?: number;
  contact?: { email: string; phone: string; address: string };
  random?: () => number;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const oid = (id: Types.ObjectId | string) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** A complete lead document (with its `_id`), ready for a raw bulk insert. */
export function fakeLeadDoc(input: LeadInput): LeadRecord {
  const random = input.random ?? Math.random;
  const category = input.category ?? pick(LEAD_CATEGORIES, random);
  const place: SeedPlace = pick(SEED_PLACES, random);
  const countryCode = input.countryCode ?? place.countryCode;
  const city = input.city ?? place.city;
  const postalCode = input.postalCode ?? pick(place.postalCodes, random);
  const createdAt = input.createdAt ?? new Date();
  const start = input.startDate ?? isoDate(Math.max(Date.now(), createdAt.getTime()) + (30 + Math.floor(random() * 170)) * DAY_MS);
  const dates = { kind: 'FIXED' as const, startDate: start, endDate: isoDate(Date.parse(start) + Math.floor(random() * 10) * DAY_MS) };
  const min = (50 + Math.floor(random() * 2000)) * 100;
  const status = input.status ?? 'OPEN';
  const id = new Types.ObjectId();
  const n = Math.floor(random() * 10_000);
  return {
    _id: id,
    title: input.title ?? fakeLeadTitle(category, random),
    description: `Looking for help: ${fakeLeadTitle(category, random).toLowerCase()}. Flexible on details, happy to discuss.`,
    category,
    clientId: oid(input.clientId),
    status,
    dates,
    location: { countryCode, city, postalCode, postalKey: postalKey(postalCode) },
    destination: null,
    budget: { min, max: min + Math.floor(random() * 3000) * 100, currency: SEED_CURRENCY[countryCode as SeedPlace['countryCode']] ?? 'EUR' },
    details: [{ key: 'preferred contact time', value: pick(['mornings', 'afternoons', 'evenings', 'weekends'], random) }],
    contact: input.contact ?? {
      email: `client.${n}@example.test`,
      phone: `+44 7700 9${String(n).padStart(5, '0')}`,
      address: `${1 + Math.floor(random() * 200)} ${pick(place.streets, random)}`,
    },
    responseCount: input.responseCount ?? 0,
    hiredResponseId: input.hiredResponseId == null ? null : oid(input.hiredResponseId),
    hiredProId: input.hiredProId == null ? null : oid(input.hiredProId),
    expiresAt: input.expiresAt ?? expiresAtFor(dates, createdAt),
    hiredAt: input.hiredProId == null ? null : createdAt,
    completedAt: input.completedAt ?? (status === 'COMPLETED' ? createdAt : null),
    closedAt: status === 'CLOSED' ? createdAt : null,
    expiredAt: status === 'EXPIRED' ? createdAt : null,
    transitions: [],
    createdAt,
    updatedAt: createdAt,
  };
}

/** Creates one lead for `clientId`. */
export async function createLead(db: Connection, input: LeadInput): Promise<LeadRecord> {
  const [lead] = await createLeads(db, [input]);
  return lead as LeadRecord;
}

/** Creates many leads in one raw insert, in the order given. */
export async function createLeads(db: Connection, inputs: readonly LeadInput[]): Promise<LeadRecord[]> {
  const docs = inputs.map(fakeLeadDoc);
  const Lead = leadModel(db);
  // The indexes first (once per connection): raw inserts skip mongoose, and the feed needs them.
  await Lead.init();
  if (docs.length > 0) await Lead.collection.insertMany(docs);
  return docs;
}

export interface ResponseInput {
  lead: Pick<LeadRecord, '_id' | 'clientId'>;
  proId: Types.ObjectId | string;
  amount?: number;
  currency?: 'GBP' | 'EUR';
  message?: string;
  createdAt?: Date;
}

/** A complete response document, ready for a raw bulk insert. */
export function fakeResponseDoc(input: ResponseInput): ResponseRecord {
  const createdAt = input.createdAt ?? new Date();
  return {
    _id: new Types.ObjectId(),
    leadId: input.lead._id,
    clientId: input.lead.clientId,
    proId: oid(input.proId),
    quote: { amount: input.amount ?? 25_000, currency: input.currency ?? 'EUR' },
    message: input.message ?? 'Happy to help: I can do this on your dates.',
    lastMessageAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** Inserts responses and raises each lead's `responseCount` to match (one bulk write each). */
export async function createResponses(db: Connection, inputs: readonly ResponseInput[]): Promise<ResponseRecord[]> {
  const docs = inputs.map(fakeResponseDoc);
  if (docs.length === 0) return docs;
  const Response = responseModel(db);
  await Response.init();
  await Response.collection.insertMany(docs);
  const perLead = new Map<string, number>();
  for (const doc of docs) perLead.set(doc.leadId.toHexString(), (perLead.get(doc.leadId.toHexString()) ?? 0) + 1);
  await leadModel(db).bulkWrite(
    [...perLead].map(([id, count]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $inc: { responseCount: count } } } })),
  );
  return docs;
}

/** Removes every lead, response, message and pending mail: what `pnpm seed` does first. */
export async function clearLeads(db: Connection): Promise<number> {
  const results = await Promise.all([
    leadModel(db).deleteMany({}),
    responseModel(db).deleteMany({}),
    messageModel(db).deleteMany({}),
    pendingNotificationModel(db).deleteMany({}),
  ]);
  return results.reduce((sum, r) => sum + r.deletedCount, 0);
}
