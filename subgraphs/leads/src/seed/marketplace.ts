import { Types, type Connection } from 'mongoose';
import { leadModel, type LeadRecord, type LeadStatusName } from '../models/lead.ts';
import { messageModel, type MessageRecord } from '../models/message.ts';
import { responseModel, type ResponseRecord } from '../models/response.ts';
import type { ProMatchProfile } from '../peers/users-client.ts';
import { leadMatchesPro } from '../services/matching.ts';
import { postalKey } from '../services/post-lead-input.ts';
import { fakeLeadDoc, fakeResponseDoc } from './index.ts';
import { SEED_PLACES } from './places.ts';
import { pick } from './words.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 2000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every seed postal code a pro serves (country and prefix match), with its city. */
function servedPlaces(pro: SeedPro): Array<{ countryCode: string; city: string; postalCode: string }> {
  return SEED_PLACES.flatMap((place) =>
    place.postalCodes
      .filter((code) =>
        pro.serviceAreas.some(
          (area) => area.countryCode === place.countryCode && postalKey(code).startsWith(area.postalPrefix.toUpperCase()),
        ),
      )
      .map((postalCode) => ({ countryCode: place.countryCode, city: place.city, postalCode })),
  );
}

/** A seeded pro as the users seed made it (the same shape as contract C1's profile). */
export type SeedPro = ProMatchProfile;

export interface MarketplaceSeedOptions {
  clientIds: ReadonlyArray<Types.ObjectId | string>;
  pros: readonly SeedPro[];
  /** How many leads; default 10,000. */
  leads?: number;
  /**
   * At least this many COMPLETED leads in all (e.g. one per review the reviews seed writes):
   * when the `leads` give fewer, older history leads (300 to 700 days ago), each completed by
   * one matching pro who responded and was hired, are added. Default 0.
   */
  minCompleted?: number;
  /** Deterministic runs in tests; default Math.random. */
  random?: () => number;
  /** Called after each inserted batch, for progress output. */
  onProgress?: (what: 'leads' | 'responses' | 'messages', done: number, total: number) => void;
}

/** What `seedMarketplace` created; `completedLeads` is what the reviews seed needs. */
export interface MarketplaceSeed {
  leads: number;
  responses: number;
  messages: number;
  byStatus: Record<LeadStatusName, number>;
  /** Leads whose hired pro completed the job (contract C3's fields), for the reviews seed. */
  completedLeads: Array<{ leadId: Types.ObjectId; clientId: Types.ObjectId; hiredProId: Types.ObjectId; completedAt: Date }>;
}

const MESSAGES = [
  'Hello, is the date still flexible?',
  'Yes, a day either side works for us.',
  'Great, I will bring everything needed.',
  'Could you send a few photos of the place?',
  'Sent. Let me know if you need more.',
];

/** A terminal or in-progress status for an older lead; recent ones stay OPEN. */
function statusFor(ageDays: number, random: () => number): LeadStatusName {
  if (ageDays < 45) return random() < 0.85 ? 'OPEN' : random() < 0.5 ? 'HIRED' : 'CLOSED';
  const r = random();
  if (r < 0.35) return 'COMPLETED';
  if (r < 0.5) return 'HIRED';
  if (r < 0.7) return 'CLOSED';
  return 'EXPIRED';
}

async function insertInBatches<T>(
  docs: readonly T[],
  insert: (batch: T[]) => Promise<unknown>,
  progress: (done: number) => void,
): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await insert(docs.slice(i, i + BATCH));
    progress(Math.min(i + BATCH, docs.length));
  }
}

/**
 * Demo marketplace data in bulk: `leads` leads (default 10,000) over the last 300 days across
 * the seed countries, categories and postal codes; pros whose profile matches a lead respond
 * (up to 3), older leads are hired, completed, closed or expired, and threads carry a few
 * messages. Everything is built in memory and written with unordered raw `insertMany`
 * batches, so 10,000 leads take seconds.
 */
export async function seedMarketplace(db: Connection, options: MarketplaceSeedOptions): Promise<MarketplaceSeed> {
  const random = options.random ?? Math.random;
  const count = options.leads ?? 10_000;
  const now = Date.now();
  const leads: LeadRecord[] = [];
  const responses: ResponseRecord[] = [];
  const messages: MessageRecord[] = [];
  const byStatus: MarketplaceSeed['byStatus'] = { OPEN: 0, HIRED: 0, COMPLETED: 0, CLOSED: 0, EXPIRED: 0 };
  const completedLeads: MarketplaceSeed['completedLeads'] = [];
  const matchable = options.pros.filter((pro) => pro.matchable);

  for (let i = 0; i < count; i += 1) {
    const ageDays = random() * 300;
    const createdAt = new Date(now - ageDays * DAY_MS);
    let status = statusFor(ageDays, random);
    // Leads that are no longer open took place (or were due) 10 to 40 days after posting.
    const startDate = status === 'OPEN' ? undefined : isoDate(createdAt.getTime() + (10 + Math.floor(random() * 30)) * DAY_MS);
    const lead = fakeLeadDoc({ clientId: pick(options.clientIds, random), createdAt, random, ...(startDate === undefined ? {} : { startDate }) });
    const matching = matchable.filter((pro) => leadMatchesPro(lead, pro));
    const responders = [...matching].sort(() => random() - 0.5).slice(0, Math.floor(random() * 4));
    if ((status === 'HIRED' || status === 'COMPLETED') && responders.length === 0) status = 'CLOSED';
    lead.status = status;
    lead.responseCount = responders.length;
    const leadResponses = responders.map((pro, n) =>
      fakeResponseDoc({
        lead,
        proId: pro.proId,
        amount: Math.round((lead.budget.min + random() * (lead.budget.max - lead.budget.min)) / 100) * 100,
        currency: lead.budget.currency === 'GBP' ? 'GBP' : 'EUR',
        createdAt: new Date(createdAt.getTime() + (n + 1) * 3_600_000),
      }),
    );
    responses.push(...leadResponses);
    for (const response of leadResponses) {
      const length = random() < 0.6 ? Math.floor(random() * MESSAGES.length) : 0;
      for (let m = 0; m < length; m += 1) {
        const at = new Date(response.createdAt.getTime() + (m + 1) * 600_000);
        messages.push({
          _id: new Types.ObjectId(),
          threadId: response._id,
          leadId: lead._id,
          clientId: lead.clientId,
          proId: response.proId,
          senderId: m % 2 === 0 ? lead.clientId : response.proId,
          body: MESSAGES[m] as string,
          createdAt: at,
        });
      }
    }
    const at = new Date(createdAt.getTime() + 2 * DAY_MS);
    if (status === 'HIRED' || status === 'COMPLETED') {
      const hired = leadResponses[0] as ResponseRecord;
      lead.hiredResponseId = hired._id;
      lead.hiredProId = hired.proId;
      lead.hiredAt = at;
      lead.transitions.push({ from: 'OPEN', to: 'HIRED', actorId: lead.clientId, reason: 'seed', at });
      if (status === 'COMPLETED') {
        const completedAt = new Date(at.getTime() + 7 * DAY_MS);
        lead.completedAt = completedAt;
        lead.transitions.push({ from: 'HIRED', to: 'COMPLETED', actorId: lead.clientId, reason: 'seed', at: completedAt });
        completedLeads.push({ leadId: lead._id, clientId: lead.clientId, hiredProId: hired.proId, completedAt });
      }
    } else if (status === 'CLOSED') {
      lead.closedAt = at;
      lead.transitions.push({ from: 'OPEN', to: 'CLOSED', actorId: lead.clientId, reason: 'seed', at });
    } else if (status === 'EXPIRED') {
      lead.expiresAt = new Date(Math.min(lead.expiresAt.getTime(), createdAt.getTime() + 30 * DAY_MS));
      lead.expiredAt = lead.expiresAt;
      lead.transitions.push({ from: 'OPEN', to: 'EXPIRED', actorId: null, reason: 'seed', at: lead.expiresAt });
    }
    byStatus[status] += 1;
    leads.push(lead);
  }

  await Promise.all([leadModel(db).init(), responseModel(db).init(), messageModel(db).init()]);
  // History: completed leads older than the live ones, until `minCompleted` is reached.
  const historians = matchable.map((pro) => ({ pro, places: servedPlaces(pro) })).filter((h) => h.places.length > 0 && h.pro.categories.length > 0);
  const missing = Math.max(0, (options.minCompleted ?? 0) - completedLeads.length);
  for (let i = 0; i < missing && historians.length > 0; i += 1) {
    const { pro, places } = pick(historians, random);
    const place = pick(places, random);
    const createdAt = new Date(now - (300 + random() * 400) * DAY_MS);
    const lead = fakeLeadDoc({
      clientId: pick(options.clientIds, random),
      createdAt,
      random,
      category: pick(pro.categories, random),
      countryCode: place.countryCode,
      city: place.city,
      postalCode: place.postalCode,
      startDate: isoDate(createdAt.getTime() + (10 + Math.floor(random() * 30)) * DAY_MS),
      status: 'COMPLETED',
      responseCount: 1,
    });
    const response = fakeResponseDoc({
      lead,
      proId: pro.proId,
      amount: lead.budget.min,
      currency: lead.budget.currency === 'GBP' ? 'GBP' : 'EUR',
      createdAt: new Date(createdAt.getTime() + 3_600_000),
    });
    const hiredAt = new Date(createdAt.getTime() + 2 * DAY_MS);
    const completedAt = new Date(hiredAt.getTime() + 7 * DAY_MS);
    Object.assign(lead, { hiredResponseId: response._id, hiredProId: response.proId, hiredAt, completedAt });
    lead.transitions.push(
      { from: 'OPEN', to: 'HIRED', actorId: lead.clientId, reason: 'seed', at: hiredAt },
      { from: 'HIRED', to: 'COMPLETED', actorId: lead.clientId, reason: 'seed', at: completedAt },
    );
    leads.push(lead);
    responses.push(response);
    byStatus.COMPLETED += 1;
    completedLeads.push({ leadId: lead._id, clientId: lead.clientId, hiredProId: response.proId, completedAt });
  }

  const progress = (what: 'leads' | 'responses' | 'messages', total: number) => (done: number) => options.onProgress?.(what, done, total);
  await insertInBatches(leads, (batch) => leadModel(db).collection.insertMany(batch, { ordered: false }), progress('leads', leads.length));
  await insertInBatches(responses, (batch) => responseModel(db).collection.insertMany(batch, { ordered: false }), progress('responses', responses.length));
  await insertInBatches(messages, (batch) => messageModel(db).collection.insertMany(batch, { ordered: false }), progress('messages', messages.length));
  return { leads: leads.length, responses: responses.length, messages: messages.length, byStatus, completedLeads };
}
