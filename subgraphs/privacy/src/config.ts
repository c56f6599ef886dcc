import { z } from 'zod';
import { readSubgraphConfig, subgraphConfigSpec } from '@leadgraph/service-kit';

/** Every variable the privacy subgraph reads, with its default and meaning. */
export const configSpec = {
  ...subgraphConfigSpec('privacy', 4004),
  REAUTH_MINUTES: {
    schema: z.coerce.number().int().min(1).max(1440).default(10),
    description: 'How recent a sign-in must be (minutes) to confirm the identity for an export or an erasure request.',
  },
  GATEWAY_URL: {
    schema: z.string().url().default('http://127.0.0.1:4000/graphql'),
    description: "The gateway's GraphQL endpoint: the data export runs there as one federated query with this service's identity.",
  },
  SCHEDULER_POLL_MS: {
    schema: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    description: 'How often the retention scheduler looks for due jobs (ms).',
  },
};

export type PrivacyConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return readSubgraphConfig(configSpec, env);
}
