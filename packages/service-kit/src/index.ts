export { createFormatError, assertUnreachable, type ClientError } from './format-error.ts';
export { SUBGRAPH_PORTS, subgraphConfigSpec, readSubgraphConfig } from './config.ts';
export { runService, type RunServiceOptions } from './main.ts';
export { serveSubgraph, type RunningSubgraph, type ServeSubgraphOptions } from './serve-subgraph.ts';
export { readSubgraphSdl } from './sdl.ts';
export { DateTime } from './date-time.ts';
export {
  SUBGRAPH_NAMES,
  createServiceClient,
  peerUrlFromConfig,
  type PeerUrl,
  type ServiceClient,
  type ServiceClientOptions,
  type SubgraphName,
} from './peers.ts';
