/**
 * The composition config: every subgraph, its SDL file and its development port. Read by
 * `scripts/compose.ts` (the supergraph) and `codegen.ts` (resolver types).
 */
export interface SubgraphDefinition {
  /** Service name in the supergraph (`join__Graph`) and in logs. */
  name: 'users' | 'leads' | 'reviews' | 'privacy';
  /** Port the subgraph listens on in development (`PORT` default). */
  port: number;
  /** The subgraph's SDL file. */
  sdl: URL;
}

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: 'users', port: 4001, sdl: new URL('./users.graphql', import.meta.url) },
  { name: 'leads', port: 4002, sdl: new URL('./leads.graphql', import.meta.url) },
  { name: 'reviews', port: 4003, sdl: new URL('./reviews.graphql', import.meta.url) },
  { name: 'privacy', port: 4004, sdl: new URL('./privacy.graphql', import.meta.url) },
];

/** Where `pnpm compose` writes the composed supergraph. */
export const SUPERGRAPH_FILE = new URL('./supergraph.graphql', import.meta.url);

/** The URL the supergraph routes a subgraph to in development. */
export function developmentUrl(subgraph: SubgraphDefinition): string {
  return `http://localhost:${subgraph.port}/graphql`;
}
