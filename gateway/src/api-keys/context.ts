import type { GatewayContext } from '../subgraph/data-source.ts';
import type { ApiKeyCaller } from './api-keys.ts';

/** The gateway's context plus how the caller authenticated (absent: cookie session or anonymous). */
export interface CallerContext extends GatewayContext {
  caller?: ApiKeyCaller;
}
