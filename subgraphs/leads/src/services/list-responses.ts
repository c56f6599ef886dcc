import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { Types } from 'mongoose';
import type { Loaders, Models } from '../loaders.ts';
import type { LeadRecord } from '../models/lead.ts';
import type { MessageRecord } from '../models/message.ts';
import type { ResponseRecord } from '../models/response.ts';
import type { LeadAccess } from './lead-access.ts';
import { emptyPage, findKeysetPage, keysetRequest, pageInMemory } from './keyset.ts';

type PageArgs = { first?: number | null; after?: string | null };

/**
 * A lead's responses, oldest first: all of them for the lead's client, only their own for a
 * pro, none for anyone else (admins included: responses belong to their two participants).
 */
export async function leadResponses(loaders: Loaders, identity: Identity, lead: LeadRecord, args: PageArgs): Promise<Page<ResponseRecord>> {
  const request = keysetRequest(args.first, args.after);
  const userId = identity.userId;
  if (userId === null) return emptyPage();
  const isClient = lead.clientId.toHexString() === userId;
  if (!isClient && identity.role !== 'pro') return emptyPage();
  const all = await loaders.responsesByLead.load(lead._id.toHexString());
  const visible = isClient ? all : all.filter((response) => response.proId.toHexString() === userId);
  return pageInMemory(visible, request, 'asc');
}

/** A pro's own responses, newest first (`User.responses`); empty for anyone else. */
export function proResponses(Response: Models['Response'], identity: Identity, proId: string, args: PageArgs): Promise<Page<ResponseRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (identity.userId !== proId) return Promise.resolve(emptyPage());
  return findKeysetPage<ResponseRecord>(Response, { proId: new Types.ObjectId(proId) }, request, 'desc');
}

/** A thread's messages, oldest or newest first by (createdAt, _id); empty for non-participants. */
export function threadMessages(
  Message: Models['Message'],
  access: LeadAccess,
  response: ResponseRecord,
  args: PageArgs & { order?: 'OLDEST_FIRST' | 'NEWEST_FIRST' | null },
): Promise<Page<MessageRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (!access.isParticipant(response)) return Promise.resolve(emptyPage());
  return findKeysetPage<MessageRecord>(Message, { threadId: response._id }, request, args.order === 'NEWEST_FIRST' ? 'desc' : 'asc');
}
