import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { DateTime } from '@leadgraph/service-kit';
import { DataSubject } from './DataSubject.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { privacyMutation, privacyQuery } from '../privacy/resolvers.ts';
import { Review } from './Review.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query: { ...Query, ...privacyQuery }, Mutation: { ...Mutation, ...privacyMutation }, Review, User, DataSubject };
