import DataLoader from 'dataloader';
import { findByIds } from '@leadgraph/db';
import type { LeadModel, LeadRecord } from './models/lead.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  Lead: LeadModel;
}

/** Per-request batching: N `lead` or `_entities` lookups in one operation become one `$in` query. */
export function createLoaders(models: Models) {
  return {
    leadById: new DataLoader<string, LeadRecord | null>((ids) => findByIds<LeadRecord>(models.Lead, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
