import type { Connection } from 'mongoose';
import { renderTemplate, type TemplateData, type TemplateName } from '../templates/index.ts';
import { ensureOutboxIndexes, mailOutbox } from './model.ts';

export interface EnqueueMailInput<N extends TemplateName> {
  template: N;
  /** Recipient address. */
  to: string;
  data: TemplateData<N>;
  /**
   * The event this mail is for, e.g. `welcome-verify:<userId>:<tokenId>`. A second enqueue
   * with the same key is a no-op, so a retried request or a replayed event never mails twice.
   */
  dedupeKey?: string;
  /** Earliest send time; now by default. */
  notBefore?: Date;
}

export interface EnqueueMailResult {
  /** The outbox message id (new, or the existing one for a repeated dedupeKey). */
  id: string;
  /** False when a message with the same dedupeKey already existed. */
  created: boolean;
}

const DUPLICATE_KEY = 11000;
/** One plain address (`local@domain.tld`): no display name, no list, no spaces or line breaks. */
const EMAIL_ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/**
 * Renders a template and stores the message in the outbox as `pending`; the outbox worker
 * delivers it. Call it in the same flow that commits the event (user created, lead
 * published...), so the mail survives an SMTP outage or a restart.
 */
export async function enqueueMail<N extends TemplateName>(
  db: Connection,
  input: EnqueueMailInput<N>,
): Promise<EnqueueMailResult> {
  if (!EMAIL_ADDRESS.test(input.to)) {
    // The address itself is not quoted: error messages end up in logs.
    throw new TypeError('enqueueMail: `to` is not a single email address');
  }
  const rendered = renderTemplate(input.template, input.data);
  const Outbox = mailOutbox(db);
  await ensureOutboxIndexes(db);
  const now = new Date();
  try {
    const doc = await Outbox.create({
      template: input.template,
      to: input.to,
      ...rendered,
      status: 'pending',
      ...(input.dedupeKey === undefined ? {} : { dedupeKey: input.dedupeKey }),
      attempts: 0,
      nextAttemptAt: input.notBefore ?? now,
      createdAt: now,
    });
    return { id: String(doc._id), created: true };
  } catch (error) {
    if (input.dedupeKey === undefined || (error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    const existing = await Outbox.findOne({ dedupeKey: input.dedupeKey }, { _id: 1 }).lean();
    if (!existing) throw error;
    return { id: String(existing._id), created: false };
  }
}
