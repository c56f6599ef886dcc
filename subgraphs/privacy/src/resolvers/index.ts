import { DateTime } from '@leadgraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { DataSubject } from './DataSubject.ts';
import { DataSubjectRequest } from './DataSubjectRequest.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { privacyMutation, privacyQuery } from '../privacy/resolvers.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query: { ...Query, ...privacyQuery }, Mutation: { ...Mutation, ...privacyMutation }, User, DataSubjectRequest, DataSubject };
