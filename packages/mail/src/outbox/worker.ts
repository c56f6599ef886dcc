import { randomUUID } from 'node:crypto';
import type { Logger } from '@leadgraph/logging';
import type { Connection } from 'mongoose';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from '../backoff.ts';
import { isPermanentSendError, sendErrorCode, type MailTransport } from '../transport.ts';
import { mailOutbox, type MailMessage } from './model.ts';

/**
 * What a message no longer needs once it is sent or has failed for good: its rendered content.
 * A mail about one person may go to another (a new message from a client, to the pro); once
 * delivered, keeping its text would only keep that person's name for nothing, and an erasure
 * could not tell it apart. The envelope (template, recipient, status, times) stays for support.
 */
const SETTLED_CONTENT = { subject: 1, text: 1, html: 1 } as const;

export interface OutboxWorkerOptions {
  db: Connection;
  transport: MailTransport;
  logger: Logger;
  /** Pause between passes. */
  intervalMs?: number;
  /** Most messages one pass sends. */
  batchSize?: number;
  /** Attempts before a message is marked failed. */
  maxAttempts?: number;
  /** How long a claim is held; a crashed worker's claims are taken over after this. */
  leaseMs?: number;
  backoff?: BackoffOptions;
  /** Names this worker in leases; random by default. */
  workerId?: string;
  /** Poll every intervalMs (default); false leaves passes to `runOnce()`, for tests and scripts. */
  poll?: boolean;
}

export interface PassResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxWorker {
  readonly id: string;
  /** Runs one pass now, after any pass in progress; resolves with what it did. */
  runOnce(): Promise<PassResult>;
  /** Stops polling and waits for the send in flight to finish and be recorded. */
  stop(): Promise<void>;
}

/** A claimed message: pending until now, so its content is still there (only settling removes it). */
type Claimed = MailMessage & { _id: unknown; lease: NonNullable<MailMessage['lease']>; subject: string; text: string; html: string };

/**
 * Delivers the outbox. Each message is claimed atomically (pending → sending, with this
 * worker's lease), so any number of workers in any number of processes send it once; a
 * failed send is retried with exponential backoff, then marked failed after maxAttempts (at
 * once when the server's answer is permanent, e.g. 550 unknown mailbox).
 * Logs carry the message id, template, attempt and outcome — never the address or content.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const id = options.workerId ?? `mail-worker-${randomUUID()}`;
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const { transport } = options;
  const log = options.logger.child({ component: 'mail-outbox', workerId: id });
  const Outbox = mailOutbox(options.db);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function claim(): Promise<Claimed | null> {
    const now = Date.now();
    const lease = { owner: id, token: randomUUID(), expiresAt: new Date(now + leaseMs) };
    return Outbox.findOneAndUpdate(
      {
        $or: [
          { status: 'pending', nextAttemptAt: { $lte: new Date(now) } },
          { status: 'sending', 'lease.expiresAt': { $lte: new Date(now) } },
        ],
      },
      {
        $set: { status: 'sending', lease },
        $inc: { attempts: 1 },
      },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    ).lean<Claimed>();
  }

  /**
   * Applies an outcome only while this claim still holds the message: the token is unique
   * to the claim, so a worker whose lease expired and was taken over changes nothing.
   */
  async function settle(message: Claimed, update: { $set: Record<string, unknown>; $unset?: Record<string, 1> }): Promise<boolean> {
    const result = await Outbox.updateOne(
      { 'lease.token': message.lease.token, status: 'sending' },
      { $set: update.$set, $unset: { lease: 1, ...update.$unset } },
    );
    return result.modifiedCount === 1;
  }

  async function deliver(message: Claimed, result: PassResult): Promise<void> {
    const fields = { messageId: String(message._id), template: message.template, attempt: message.attempts };
    if (message.attempts > maxAttempts) {
      // Re-claimed after a crashed worker's lease ran out, with no attempt left.
      await settle(message, { $set: { status: 'failed', lastError: 'LEASE_EXPIRED' }, $unset: SETTLED_CONTENT });
      result.failed++;
      log.error({ ...fields, outcome: 'failed', errorCode: 'LEASE_EXPIRED' }, 'mail failed');
      return;
    }
    try {
      await transport.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers === undefined || message.headers === null ? {} : { headers: message.headers }),
      });
    } catch (error) {
      const errorCode = sendErrorCode(error);
      if (message.attempts >= maxAttempts || isPermanentSendError(error)) {
        await settle(message, { $set: { status: 'failed', lastError: errorCode }, $unset: SETTLED_CONTENT });
        result.failed++;
        log.error({ ...fields, outcome: 'failed', errorCode }, 'mail failed');
      } else {
        const delayMs = backoffDelay(message.attempts, backoff);
        await settle(message, {
          $set: { status: 'pending', lastError: errorCode, nextAttemptAt: new Date(Date.now() + delayMs) },
        });
        result.retried++;
        log.warn({ ...fields, outcome: 'retry', errorCode, retryInMs: delayMs }, 'mail send failed, will retry');
      }
      return;
    }
    const recorded = await settle(message, { $set: { status: 'sent', sentAt: new Date() }, $unset: SETTLED_CONTENT });
    result.sent++;
    if (recorded) log.info({ ...fields, outcome: 'sent' }, 'mail sent');
    else log.warn({ ...fields, outcome: 'sent-lease-lost' }, 'mail sent after its lease expired');
  }

  async function pass(): Promise<PassResult> {
    const result: PassResult = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < batchSize && !stopped; i++) {
      const message = await claim();
      if (!message) break;
      await deliver(message, result);
    }
    return result;
  }

  function runOnce(): Promise<PassResult> {
    const run = queue.then(pass);
    queue = run.catch(() => undefined);
    return run;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => {
          log.error({ errorCode: sendErrorCode(error), errorName: (error as Error)?.name }, 'outbox pass failed');
        })
        .finally(() => schedule(intervalMs));
    }, delayMs);
  }

  if (options.poll !== false) schedule(0);

  return {
    id,
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await queue;
    },
  };
}
