import type { JobDefinition } from '@leadgraph/scheduler';
import { sweepExpired } from './lifecycle/expiry.ts';
import type { Models } from './loaders.ts';
import type { Notifier } from './notifications/notifier.ts';

/**
 * The leads subgraph's recurring jobs, run by `@leadgraph/scheduler` (one instance at a time
 * per job whatever the number of replicas, with run records and counts in `scheduler_runs`).
 * Both are safe to re-run: the sweep is one conditional update, and a mail is claimed with a
 * lease before it is offered again.
 */
export function leadsJobs(options: {
  models: Models;
  notifier: Notifier;
  expirySweepMs: number;
  notificationRetryMs: number;
}): JobDefinition[] {
  return [
    {
      name: 'leads.expire-open-leads',
      description: 'Moves OPEN leads past their expiresAt to EXPIRED through the lifecycle table (reads also expire them at once).',
      intervalMs: options.expirySweepMs,
      handler: async ({ now }) => ({ removed: { expiredLeads: await sweepExpired(options.models.Lead, now()) } }),
    },
    {
      name: 'leads.retry-service-mails',
      description: 'Offers the users subgraph again the service mails it did not accept (pending_notifications).',
      intervalMs: options.notificationRetryMs,
      handler: async ({ now }) => ({ removed: { deliveredMails: await options.notifier.retryDue(now()) } }),
    },
  ];
}
