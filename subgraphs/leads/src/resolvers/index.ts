import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { DateTime } from '@leadgraph/service-kit';
import { Lead } from './Lead.ts';
import { Query } from './Query.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query, Lead, User };
