import type { Logger } from '@leadgraph/logging';
import type { Connection } from 'mongoose';
import { loadMailConfig, type MailConfig } from './config.ts';
import { ensureOutboxIndexes } from './outbox/model.ts';
import { startOutboxWorker, type OutboxWorker } from './outbox/worker.ts';
import { createTransport } from './transport.ts';

/**
 * What a service calls at startup to deliver its outbox: the SMTP transport and the worker
 * from the mail config (SMTP_URL, MAIL_FROM, MAIL_OUTBOX_*). `stop()` on shutdown waits for
 * the send in flight, then closes the transport.
 */
export async function startMailDelivery(options: {
  db: Connection;
  logger: Logger;
  config?: MailConfig;
}): Promise<OutboxWorker> {
  const config = options.config ?? loadMailConfig();
  await ensureOutboxIndexes(options.db);
  const transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
  const worker = startOutboxWorker({
    db: options.db,
    transport,
    logger: options.logger,
    intervalMs: config.MAIL_OUTBOX_INTERVAL_MS,
    batchSize: config.MAIL_OUTBOX_BATCH_SIZE,
    maxAttempts: config.MAIL_OUTBOX_MAX_ATTEMPTS,
  });
  return {
    id: worker.id,
    runOnce: worker.runOnce,
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
