import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { DateTime } from '@leadgraph/service-kit';
import { DataSubject } from './DataSubject.ts';
import { Dispute, DisputeEntry, DisputeTransition } from './Dispute.ts';
import { disputeMutation, disputeQuery } from './disputes.ts';
import { statisticsQuery } from './statistics.ts';
import { Lead } from './Lead.ts';
import { Message } from './Message.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { privacyMutation, privacyQuery } from '../privacy/resolvers.ts';
import { Response } from './Response.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query: { ...Query, ...privacyQuery, ...disputeQuery, ...statisticsQuery }, Mutation: { ...Mutation, ...privacyMutation, ...disputeMutation }, Lead, Response, Message, User, DataSubject, Dispute, DisputeTransition, DisputeEntry };
