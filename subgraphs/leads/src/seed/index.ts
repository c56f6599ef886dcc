import type { Connection, Types } from 'mongoose';
import { LEAD_CATEGORIES, leadModel, type LeadCategoryName, type LeadRecord } from '../models/lead.ts';
import { fakeLeadTitle, pick } from './words.ts';

/**
 * Seed factories for leads: tests and `pnpm seed` build data with these. Each returns what
 * it created, as read back from the database.
 */
export interface LeadInput {
  /** The client who posted it (a user id from the users subgraph). */
  clientId: Types.ObjectId | string;
  title?: string;
  category?: LeadCategoryName;
  createdAt?: Date;
}

function fakeLead(input: LeadInput) {
  const category = input.category ?? pick(LEAD_CATEGORIES);
  return {
    clientId: input.clientId,
    category,
    title: input.title ?? fakeLeadTitle(category),
    ...(input.createdAt === undefined ? {} : { createdAt: input.createdAt }),
  };
}

/** Creates one lead for `clientId`. */
export async function createLead(db: Connection, input: LeadInput): Promise<LeadRecord> {
  const [lead] = await createLeads(db, [input]);
  return lead as LeadRecord;
}

/** Creates many leads in one insert, in the order given. */
export async function createLeads(db: Connection, inputs: readonly LeadInput[]): Promise<LeadRecord[]> {
  const docs = await leadModel(db).insertMany(inputs.map(fakeLead));
  return docs.map((doc) => doc.toObject() as LeadRecord);
}

/** Removes every lead: what `pnpm seed` does before filling the demo data. */
export async function clearLeads(db: Connection): Promise<number> {
  const { deletedCount } = await leadModel(db).deleteMany({});
  return deletedCount;
}
