import { DateTime } from '@leadgraph/service-kit';
import { Lead } from './Lead.ts';
import { LeadContact, LeadDetail, LeadPlace } from './LeadPlace.ts';
import { Message } from './Message.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { Response } from './Response.ts';
import { User } from './User.ts';

/**
 * One resolver object per GraphQL type. Typed over database records with `FieldResolver`
 * (record-resolvers.ts) until codegen maps these types to records.
 */
export const resolvers = { DateTime, Query, Mutation, Lead, LeadPlace, LeadDetail, LeadContact, Response, Message, User };
