import { accessDenied } from '@leadgraph/authz';
import { mayReadDataSubject } from '@leadgraph/privacy-kit';
import type { DataSubjectResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { disputesOf } from '../disputes/data-subject.ts';
import { leadsPostedBy, messagesSentBy, responsesGivenBy } from '../services/data-subject.ts';

/** Contract P1: a platform service exporting (`personal:export`) or an admin; FORBIDDEN otherwise. */
function guard(ctx: Context): void {
  if (!mayReadDataSubject(ctx.identity)) throw accessDenied('FORBIDDEN');
}

/** This subgraph's part of a person's data export; the privacy subgraph serves the root. */
export const DataSubject: DataSubjectResolvers = {
  __resolveReference: (reference) => reference,
  leadsPosted: (subject, _args, ctx) => {
    guard(ctx);
    return leadsPostedBy(ctx.models, subject.id);
  },
  responsesGiven: (subject, _args, ctx) => {
    guard(ctx);
    return responsesGivenBy(ctx.models, subject.id);
  },
  messagesSent: (subject, _args, ctx) => {
    guard(ctx);
    return messagesSentBy(ctx.models, subject.id);
  },
  disputes: (subject, _args, ctx) => {
    guard(ctx);
    return disputesOf(ctx.models, subject.id);
  },
};
