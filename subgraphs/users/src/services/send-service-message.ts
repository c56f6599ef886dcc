import { parseObjectId } from '@leadgraph/db';
import { enqueueMail, type TemplateData, type TemplateName } from '@leadgraph/mail';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { parseInput } from './input.ts';

export const SERVICE_MESSAGE_KINDS = ['LEAD_CREATED', 'NEW_RESPONSE', 'HIRED', 'LEAD_TAKEN', 'NEW_MESSAGE', 'REQUEST_UPDATE', 'DISPUTE_UPDATE'] as const;
type Kind = (typeof SERVICE_MESSAGE_KINDS)[number];

const LEAD_KINDS: ReadonlySet<Kind> = new Set(['LEAD_CREATED', 'NEW_RESPONSE', 'HIRED', 'LEAD_TAKEN', 'NEW_MESSAGE', 'DISPUTE_UPDATE']);
const COUNTERPART_KINDS: ReadonlySet<Kind> = new Set(['NEW_RESPONSE', 'NEW_MESSAGE']);

/** An id another subgraph puts into a link: plain characters only, so a link can never be bent elsewhere. */
const linkId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullish();

export const serviceMessageInput = z
  .object({
    recipientId: z.string().max(64),
    kind: z.enum(SERVICE_MESSAGE_KINDS),
    leadId: linkId,
    leadTitle: z.string().trim().min(1).max(300).nullish(),
    counterpartId: z.string().max(64).nullish(),
    requestId: linkId,
    requestStatus: z.string().regex(/^[A-Z_]{1,40}$/).nullish(),
    disputeId: linkId,
    disputeStatus: z.string().regex(/^[A-Z_]{1,40}$/).nullish(),
    dedupeKey: z.string().min(1).max(300),
  })
  .superRefine((input, ctx) => {
    const need = (field: keyof typeof input) => {
      if (input[field] == null) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${input.kind}` });
    };
    if (LEAD_KINDS.has(input.kind)) ['leadId', 'leadTitle'].forEach((f) => need(f as keyof typeof input));
    if (COUNTERPART_KINDS.has(input.kind)) need('counterpartId');
    if (input.kind === 'REQUEST_UPDATE') ['requestId', 'requestStatus'].forEach((f) => need(f as keyof typeof input));
    if (input.kind === 'DISPUTE_UPDATE') ['disputeId', 'disputeStatus'].forEach((f) => need(f as keyof typeof input));
  });

type Input = z.infer<typeof serviceMessageInput>;

/** A mail ready for the outbox: which template, with its typed data. */
type Mail = { [N in TemplateName]: { template: N; data: TemplateData<N> } }[TemplateName];

/** The name another user sees for `user`: a pro's trading name when they have one. */
function publicName(user: UserRecord | null, fallback: string): string {
  if (user === null || user.disabledAt != null) return fallback;
  return (user.role === 'pro' && user.companyName) || user.name;
}

function mailFor(input: Input, name: string, counterpart: string, appUrl: string): Mail {
  const base = appUrl.replace(/\/+$/, '');
  const leadUrl = `${base}/leads/${input.leadId ?? ''}`;
  const leadTitle = input.leadTitle ?? '';
  switch (input.kind) {
    case 'LEAD_CREATED':
      return { template: 'lead-created', data: { name, leadTitle, leadUrl } };
    case 'NEW_RESPONSE':
      return { template: 'new-response', data: { name, leadTitle, proName: counterpart, responseUrl: leadUrl } };
    case 'HIRED':
      return { template: 'hired', data: { name, leadTitle, leadUrl } };
    case 'LEAD_TAKEN':
      return { template: 'lead-taken', data: { name, leadTitle, leadUrl } };
    case 'NEW_MESSAGE':
      return { template: 'new-message', data: { name, senderName: counterpart, leadTitle, conversationUrl: `${leadUrl}/messages` } };
    case 'REQUEST_UPDATE':
      return { template: 'request-update', data: { name, requestStatus: input.requestStatus ?? '', requestUrl: `${base}/privacy/requests/${input.requestId ?? ''}` } };
    case 'DISPUTE_UPDATE':
      return { template: 'dispute-update', data: { name, leadTitle, disputeStatus: input.disputeStatus ?? '', disputeUrl: `${leadUrl}/disputes/${input.disputeId ?? ''}` } };
  }
}

/**
 * Renders and queues a service mail for another subgraph (contract C2); the address never
 * leaves this subgraph. False, with nothing queued, when the recipient has no active account
 * (a closed one still gets REQUEST_UPDATE while its address is held) with a confirmed address (mailing an unconfirmed address could reach a stranger). The
 * caller's `dedupeKey` is scoped to the recipient, so one key (a thread's 15-minute window)
 * can reach each participant once.
 */
export async function sendServiceMessage(deps: { User: UserModel; db: Connection; appUrl: string }, input: z.input<typeof serviceMessageInput>): Promise<boolean> {
  const parsed = parseInput(serviceMessageInput, input);
  const recipientId = parseObjectId(parsed.recipientId);
  if (recipientId === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid user id');
  const counterpartId = parsed.counterpartId == null ? null : parseObjectId(parsed.counterpartId);
  if (parsed.counterpartId != null && counterpartId === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid user id');
  const wanted = counterpartId === null ? [recipientId] : [recipientId, counterpartId];
  const users = await deps.User.find({ _id: { $in: wanted } }, { name: 1, email: 1, role: 1, companyName: 1, disabledAt: 1, emailVerifiedAt: 1 }).lean<UserRecord[]>();
  const recipient = users.find((u) => u._id.equals(recipientId));
  // A privacy request's updates also reach a closed account while its confirmed address is still
  // held: its owner may exercise their rights after closing it (a request filed with a mailed code).
  const closedButAnswered = parsed.kind === 'REQUEST_UPDATE' && typeof recipient?.email === 'string' && recipient.email !== '';
  if (recipient === undefined || (recipient.disabledAt != null && !closedButAnswered) || recipient.emailVerifiedAt == null) return false;
  const counterpart = counterpartId === null ? null : (users.find((u) => u._id.equals(counterpartId)) ?? null);
  const mail = mailFor(parsed, recipient.name, publicName(counterpart, parsed.kind === 'NEW_RESPONSE' ? 'A pro' : 'Someone'), deps.appUrl);
  await enqueueMail(deps.db, { ...mail, to: recipient.email, dedupeKey: `service:${recipientId.toHexString()}:${parsed.dedupeKey}` } as Parameters<typeof enqueueMail>[1]);
  return true;
}
