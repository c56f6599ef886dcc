import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { Types } from 'mongoose';
import { expireDueOnRead } from '../lifecycle/expiry.ts';
import type { LeadModel, LeadRecord } from '../models/lead.ts';
import { emptyPage, findKeysetPage, keysetRequest, type KeysetRequest } from './keyset.ts';

/** A page of leads with due OPEN ones expired on the way out (sweep on read). */
async function leadPage(Lead: LeadModel, filter: Record<string, unknown>, request: KeysetRequest): Promise<Page<LeadRecord>> {
  const page = await findKeysetPage<LeadRecord>(Lead, filter, request, 'desc');
  await expireDueOnRead(Lead, page.edges.map((edge) => edge.node));
  return page;
}

type PageArgs = { first?: number | null; after?: string | null };

/** Every lead, newest first (`Query.leads`, admins only by its `@access` rule). */
export function listAllLeads(Lead: LeadModel, args: PageArgs): Promise<Page<LeadRecord>> {
  return leadPage(Lead, {}, keysetRequest(args.first, args.after));
}

/**
 * A client's own leads, newest first (`User.leads`): only for that client and admins;
 * anyone else gets an empty list, the same answer as for a user who never posted one.
 */
export function listClientLeads(Lead: LeadModel, identity: Identity, clientId: string, args: PageArgs): Promise<Page<LeadRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (identity.userId !== clientId && identity.role !== 'admin') return Promise.resolve(emptyPage());
  return leadPage(Lead, { clientId: new Types.ObjectId(clientId) }, request);
}
