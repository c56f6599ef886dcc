import { findPage, parseObjectId, type Page } from '@leadgraph/db';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { LeadModel, LeadRecord } from '../models/lead.ts';
import { pageRequest } from './page-request.ts';

/**
 * A page of leads, newest first: all of them, or only those a client posted when
 * `clientId` is given.
 */
export function listLeads(
  Lead: LeadModel,
  args: { first?: number | null; after?: string | null; clientId?: string },
): Promise<Page<LeadRecord>> {
  const request = pageRequest(args.first, args.after);
  if (args.clientId === undefined) return findPage<LeadRecord>(Lead, {}, request);
  const clientId = parseObjectId(args.clientId);
  if (clientId === null) throw new LeadsError(LeadsErrorCode.InvalidId, 'Invalid user id');
  return findPage<LeadRecord>(Lead, { clientId }, request);
}
