import { parseObjectId } from '@leadgraph/db';
import type { LeadRecord } from '../models/lead.ts';
import type { MessageRecord } from '../models/message.ts';
import type { ResponseRecord } from '../models/response.ts';
import type { Models } from '../loaders.ts';

/**
 * The leads subgraph's part of a person's data export (contract P1): everything, oldest first,
 * as plain lists (the export takes it all). Only what the person wrote: their leads as a
 * client, their responses as a pro, the messages they sent. A thread's other participant's
 * messages are that person's data, not this one's. An id that is not an ObjectId has no data.
 */
export function leadsPostedBy(models: Models, subjectId: string): Promise<LeadRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return models.Lead.find({ clientId: id }).sort({ createdAt: 1, _id: 1 }).lean<LeadRecord[]>().exec();
}

export function responsesGivenBy(models: Models, subjectId: string): Promise<ResponseRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return models.Response.find({ proId: id }).sort({ createdAt: 1, _id: 1 }).lean<ResponseRecord[]>().exec();
}

export function messagesSentBy(models: Models, subjectId: string): Promise<MessageRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return models.Message.find({ senderId: id }).sort({ createdAt: 1, _id: 1 }).lean<MessageRecord[]>().exec();
}
