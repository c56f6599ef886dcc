import DataLoader from 'dataloader';
import { findByIds } from '@leadgraph/db';
import type { UserModel, UserRecord } from './models/user.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  User: UserModel;
}

/** Per-request batching: N `user` or `_entities` lookups in one operation become one `$in` query. */
export function createLoaders(models: Models) {
  return {
    userById: new DataLoader<string, UserRecord | null>((ids) => findByIds<UserRecord>(models.User, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
