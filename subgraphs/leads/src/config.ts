import { readSubgraphConfig, subgraphConfigSpec } from '@leadgraph/service-kit';

/** Every variable the leads subgraph reads, with its default and meaning. */
export const configSpec = subgraphConfigSpec('leads', 4002);

export type LeadsConfig = ReturnType<typeof readConfig>;

/** The validated configuration; throws ConfigError naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
  return readSubgraphConfig(configSpec, env);
}
