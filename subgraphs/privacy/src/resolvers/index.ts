import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Query } from './Query.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { Query, User };
