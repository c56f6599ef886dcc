import { accessDenied } from '@leadgraph/authz';
import { mayReadDataSubject } from '@leadgraph/privacy-kit';
import type { DataSubjectResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { payoutView } from '../payouts/views.ts';
import { accountOf, payoutsOf } from '../services/data-subject.ts';

/** Contract P1: a platform service exporting (`personal:export`) or an admin; FORBIDDEN otherwise. */
function guard(ctx: Context): void {
  if (!mayReadDataSubject(ctx.identity)) throw accessDenied('FORBIDDEN');
}

/** This subgraph's part of a person's data export; the privacy subgraph serves the root. */
export const DataSubject: DataSubjectResolvers = {
  __resolveReference: (reference) => reference,
  account: (subject, _args, ctx) => {
    guard(ctx);
    return accountOf(ctx.loaders, subject.id);
  },
  payouts: async (subject, _args, ctx) => {
    guard(ctx);
    return (await payoutsOf(ctx.marketplace.db, subject.id)).map(payoutView);
  },
};
