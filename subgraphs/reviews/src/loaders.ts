import DataLoader from 'dataloader';
import { findByIds } from '@leadgraph/db';
import type { ReviewModel, ReviewRecord } from './models/review.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  Review: ReviewModel;
}

/** Per-request batching: N `review` or `_entities` lookups in one operation become one `$in` query. */
export function createLoaders(models: Models) {
  return {
    reviewById: new DataLoader<string, ReviewRecord | null>((ids) => findByIds<ReviewRecord>(models.Review, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
