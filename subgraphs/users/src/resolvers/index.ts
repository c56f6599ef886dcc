import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { DateTime } from '@leadgraph/service-kit';
import { DataSubject } from './DataSubject.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { privacyMutation, privacyQuery } from '../privacy/resolvers.ts';
import { Role } from './Role.ts';
import { User } from './User.ts';
import { apiKeyMutationResolvers, apiKeyQueryResolvers, apiKeyTypeResolvers } from '../api-keys/resolvers.ts';
import { payoutMutationResolvers, payoutUserResolvers } from '../payouts/resolvers.ts';
import { marketingMutationResolvers, marketingQueryResolvers } from '../marketing/resolvers.ts';

export const resolvers: Resolvers = {
  DateTime,
  Role,
  Query: { ...Query, ...privacyQuery, ...apiKeyQueryResolvers, ...marketingQueryResolvers },
  Mutation: { ...Mutation, ...privacyMutation, ...apiKeyMutationResolvers, ...payoutMutationResolvers, ...marketingMutationResolvers },
  User: { ...User, ...payoutUserResolvers },
  DataSubject,
  ...apiKeyTypeResolvers,
};
