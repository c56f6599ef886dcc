import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { moderateReview } from '../services/moderate-review.ts';
import { replyToReview } from '../services/reply-to-review.ts';
import { writeReview } from '../services/write-review.ts';

/** The signed-in caller's id; `@access` already refused anonymous callers. */
function callerId(ctx: Context): string {
  if (ctx.identity.userId === null) throw new Error('an @access rule let an anonymous caller through');
  return ctx.identity.userId;
}

export const Mutation: MutationResolvers = {
  writeReview: (_parent, args, ctx) => writeReview(ctx.models, ctx.leads, callerId(ctx), args.input),
  replyToReview: (_parent, args, ctx) => replyToReview(ctx.models, callerId(ctx), args.input),
  hideReview: (_parent, args, ctx) => moderateReview(ctx.models, 'HIDE', callerId(ctx), args.input),
  unhideReview: (_parent, args, ctx) => moderateReview(ctx.models, 'UNHIDE', callerId(ctx), args.input),
};
