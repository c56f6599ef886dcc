import { Types } from 'mongoose';
import { z } from 'zod';
import type { Identity } from '@leadgraph/identity';
import { invalidInput, notFound } from '../errors.ts';
import type { Loaders, Models } from '../loaders.ts';
import type { MessageRecord } from '../models/message.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { LeadAccess } from './lead-access.ts';
import { requireId } from './find-lead.ts';
import { parseInput } from './validate.ts';

/** NEW_MESSAGE mails are batched: one per thread per this window (contract C2). */
export const MESSAGE_MAIL_WINDOW_MS = 15 * 60 * 1000;

const inputSchema = z.object({
  responseId: z.string().nullish(),
  threadId: z.string().nullish(),
  body: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
});

/**
 * The lead's client or the responding pro writes in their thread (the thread's id is the
 * response's id). Anyone else gets NOT_FOUND, as for a missing thread. The other party gets a
 * NEW_MESSAGE mail, at most one per thread per 15 minutes (the dedupeKey of contract C2).
 */
export async function sendMessage(
  deps: { models: Models; loaders: Loaders; access: LeadAccess; notifier: Notifier },
  identity: Identity,
  rawInput: unknown,
  now = new Date(),
): Promise<MessageRecord> {
  const input = parseInput(inputSchema, rawInput);
  const given = [input.responseId, input.threadId].filter((id): id is string => id != null);
  if (given.length === 0) throw invalidInput('input.responseId', 'input.responseId: give responseId or threadId');
  if (given.length === 2 && given[0] !== given[1]) throw invalidInput('input.threadId', 'input.threadId: must equal responseId when both are given');
  const threadId = requireId(given[0]!, 'thread');
  const response = await deps.loaders.responseById.load(threadId);
  if (response === null || !deps.access.isParticipant(response)) throw notFound('response');
  const senderId = new Types.ObjectId(identity.userId ?? '');
  const doc = await deps.models.Message.create({
    threadId: response._id,
    leadId: response.leadId,
    clientId: response.clientId,
    proId: response.proId,
    senderId,
    body: input.body,
    createdAt: now,
  });
  await deps.models.Response.updateOne({ _id: response._id }, { $max: { lastMessageAt: now } });
  const lead = await deps.loaders.leadById.load(response.leadId.toHexString());
  const recipient = response.clientId.equals(senderId) ? response.proId : response.clientId;
  await deps.notifier.notify([
    {
      recipientId: recipient.toHexString(),
      kind: 'NEW_MESSAGE',
      leadId: response.leadId.toHexString(),
      leadTitle: lead?.title ?? null,
      counterpartId: senderId.toHexString(),
      dedupeKey: `new-message:${threadId}:${Math.floor(now.getTime() / MESSAGE_MAIL_WINDOW_MS)}`,
    },
  ]);
  return doc.toObject() as MessageRecord;
}
