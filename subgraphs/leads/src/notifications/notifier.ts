import { Types } from 'mongoose';
import type { Logger } from '@leadgraph/logging';
import type { PendingNotificationModel, PendingNotificationRecord } from '../models/pending-notification.ts';
import type { ServiceMessage, UsersPeer } from '../peers/users-client.ts';

/** How long one delivery attempt holds a pending message before another worker may retry it. */
const LEASE_MS = 30_000;
/** Backoff after the n-th failure: 30 s, 1 min, 2 min... at most 1 h. */
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
/** After this many failures the message is dropped (logged with its kind and ids). */
export const MAX_ATTEMPTS = 12;

/**
 * Service mails (contract C2) that never fail or lose the write that caused them: each
 * message is first stored in `pending_notifications`, then offered to the users subgraph;
 * accepted → removed, failed → kept with a backoff for `retryDue` (a scheduler job, jobs.ts).
 * Delivery is at least once; the users subgraph drops repeats by `dedupeKey`.
 */
export interface Notifier {
  /** Stores and tries to deliver each message; never throws. */
  notify(messages: readonly ServiceMessage[]): Promise<void>;
  /** Retries the due pending messages; returns how many were accepted. */
  retryDue(now?: Date): Promise<number>;
}

const oid = (id: string | null | undefined) => (id === null || id === undefined ? null : new Types.ObjectId(id));

function toMessage(doc: PendingNotificationRecord): ServiceMessage {
  return {
    recipientId: doc.recipientId.toHexString(),
    kind: doc.kind,
    leadId: doc.leadId?.toHexString() ?? null,
    leadTitle: doc.leadTitle ?? null,
    counterpartId: doc.counterpartId?.toHexString() ?? null,
    disputeId: doc.disputeId?.toHexString() ?? null,
    disputeStatus: doc.disputeStatus ?? null,
    dedupeKey: doc.dedupeKey,
  };
}

export function createNotifier(options: { model: PendingNotificationModel; users: UsersPeer; logger: Logger }): Notifier {
  const { model, users, logger } = options;

  async function attempt(doc: PendingNotificationRecord): Promise<boolean> {
    try {
      await users.sendServiceMessage(toMessage(doc));
      await model.deleteOne({ _id: doc._id });
      return true;
    } catch (error) {
      const attempts = doc.attempts + 1;
      const code = String((error as { extensions?: { code?: unknown } }).extensions?.code ?? (error as Error).name);
      if (attempts >= MAX_ATTEMPTS) {
        await model.deleteOne({ _id: doc._id }).catch(() => undefined);
        logger.error({ event: 'notification.dropped', kind: doc.kind, leadId: doc.leadId?.toHexString(), attempts, code }, 'service message dropped');
        return false;
      }
      await model
        .updateOne({ _id: doc._id }, { $set: { attempts, lastErrorCode: code, nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) } })
        .catch(() => undefined);
      logger.warn({ event: 'notification.deferred', kind: doc.kind, attempts, code }, 'service message deferred');
      return false;
    }
  }

  return {
    async notify(messages) {
      await Promise.all(
        messages.map(async (message) => {
          try {
            const doc = await model.findOneAndUpdate(
              { recipientId: oid(message.recipientId), dedupeKey: message.dedupeKey },
              {
                $setOnInsert: {
                  kind: message.kind,
                  leadId: oid(message.leadId),
                  leadTitle: message.leadTitle ?? null,
                  counterpartId: oid(message.counterpartId),
                  disputeId: oid(message.disputeId),
                  disputeStatus: message.disputeStatus ?? null,
                  attempts: 0,
                  nextAttemptAt: new Date(Date.now() + LEASE_MS),
                },
              },
              { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true },
            );
            // Already pending (same recipient and key): the retry loop owns it.
            if (doc.lastErrorObject?.updatedExisting === true || doc.value === null) return;
            await attempt(doc.value as PendingNotificationRecord);
          } catch (error) {
            logger.error({ event: 'notification.store_failed', kind: message.kind, errorName: (error as Error).name }, 'service message not stored');
          }
        }),
      );
    },
    async retryDue(now = new Date()) {
      let accepted = 0;
      for (let i = 0; i < 100; i += 1) {
        // Claim one due message by pushing its next attempt past the lease: another replica skips it.
        const doc = await model
          .findOneAndUpdate(
            { nextAttemptAt: { $lte: now } },
            { $set: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) } },
            { sort: { nextAttemptAt: 1 }, returnDocument: 'after', lean: true },
          )
          .lean<PendingNotificationRecord | null>();
        if (doc === null) break;
        if (await attempt(doc)) accepted += 1;
      }
      return accepted;
    },
  };
}
