import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { findVisibleDispute } from '../disputes/access.ts';
import {
  answerDispute,
  askDisputeParties,
  rejectDispute,
  resolveDispute,
  resumeDisputeReview,
  startDisputeReview,
  withdrawDispute,
} from '../disputes/actions.ts';
import type { DisputeDeps } from '../disputes/move-dispute.ts';
import { openDispute } from '../disputes/open-dispute.ts';
import { disputeQueue } from '../disputes/queue.ts';

const deps = (ctx: Context): DisputeDeps => ({ models: ctx.models, loaders: ctx.loaders, notifier: ctx.deps.notifier });

/** Issue #8 disputes: reads. */
export const disputeQuery: Pick<QueryResolvers, 'dispute' | 'disputeQueue'> = {
  dispute: (_parent, args, ctx) => findVisibleDispute(ctx.models.Dispute, ctx.identity, args.id),
  disputeQueue: (_parent, args, ctx) => disputeQueue(ctx.models.Dispute, args),
};

/** Issue #8 disputes: every move goes through disputes/transitions.ts. */
export const disputeMutation: Pick<
  MutationResolvers,
  'openDispute' | 'withdrawDispute' | 'startDisputeReview' | 'askDisputeParties' | 'answerDispute' | 'resumeDisputeReview' | 'resolveDispute' | 'rejectDispute'
> = {
  openDispute: (_parent, args, ctx) => openDispute(deps(ctx), ctx.identity, args.input),
  withdrawDispute: (_parent, args, ctx) => withdrawDispute(deps(ctx), ctx.identity, args.disputeId, args.note),
  startDisputeReview: (_parent, args, ctx) => startDisputeReview(deps(ctx), ctx.identity, args.disputeId, args.note),
  askDisputeParties: (_parent, args, ctx) => askDisputeParties(deps(ctx), ctx.identity, args.input),
  answerDispute: (_parent, args, ctx) => answerDispute(deps(ctx), ctx.identity, args.input),
  resumeDisputeReview: (_parent, args, ctx) => resumeDisputeReview(deps(ctx), ctx.identity, args.disputeId, args.note),
  resolveDispute: (_parent, args, ctx) => resolveDispute(deps(ctx), ctx.identity, args.input),
  rejectDispute: (_parent, args, ctx) => rejectDispute(deps(ctx), ctx.identity, args.input),
};
