import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { Types } from 'mongoose';
import type { LeadModel, LeadRecord } from '../models/lead.ts';
import { emptyPage, findKeysetPage, keysetRequest } from './keyset.ts';

type PageArgs = { first?: number | null; after?: string | null };

/** Every lead, newest first (`Query.leads`, admins only by its `@access` rule). */
export function listAllLeads(Lead: LeadModel, args: PageArgs): Promise<Page<LeadRecord>> {
  return findKeysetPage<LeadRecord>(Lead, {}, keysetRequest(args.first, args.after), 'desc');
}

/**
 * A client's own leads, newest first (`User.leads`): only for that client and admins;
 * anyone else gets an empty list, the same answer as for a user who never posted one.
 */
export function listClientLeads(Lead: LeadModel, identity: Identity, clientId: string, args: PageArgs): Promise<Page<LeadRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (identity.userId !== clientId && identity.role !== 'admin') return Promise.resolve(emptyPage());
  return findKeysetPage<LeadRecord>(Lead, { clientId: new Types.ObjectId(clientId) }, request, 'desc');
}
