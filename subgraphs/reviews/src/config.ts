import { readSubgraphConfig, subgraphConfigSpec } from '@leadgraph/service-kit';

/** Every variable the reviews subgraph reads, with its default and meaning. */
export const configSpec = subgraphConfigSpec('reviews', 4003);

export type ReviewsConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return readSubgraphConfig(configSpec, env);
}
