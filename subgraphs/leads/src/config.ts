import { z } from 'zod';
import { vars } from '@leadgraph/config';
import { readSubgraphConfig, subgraphConfigSpec } from '@leadgraph/service-kit';

/** Every variable the leads subgraph reads, with its default and meaning. */
export const configSpec = {
  ...subgraphConfigSpec('leads', 4002),
  MAX_RESPONSES_PER_LEAD: {
    schema: z.coerce.number().int().min(1).max(50).default(5),
    description: 'Most responses one lead takes; the next pro gets LEAD_FULL.',
  },
  LEAD_EXPIRY_SWEEP_MS: {
    schema: vars.milliseconds(60_000),
    description: 'How often OPEN leads past their expiresAt are moved to EXPIRED (reads also expire them at once).',
  },
  STATISTICS_MIN_GROUP_SIZE: {
    schema: z.coerce.number().int().min(2).max(1000).default(10),
    description: 'Partner statistics: fewest distinct people (clients, review authors) a reported group has; smaller groups are only counted.',
  },
  NOTIFICATION_RETRY_MS: {
    schema: vars.milliseconds(15_000),
    description: 'How often service mails the users subgraph did not accept are retried.',
  },
};

export type LeadsConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return readSubgraphConfig(configSpec, env);
}
