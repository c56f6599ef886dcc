import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { closeLead, completeLead, hireResponse } from '../services/hire-response.ts';
import { postLead } from '../services/post-lead.ts';
import { respondToLead } from '../services/respond-to-lead.ts';
import { sendMessage } from '../services/send-message.ts';

const deps = (ctx: Context) => ({
  models: ctx.models,
  loaders: ctx.loaders,
  access: ctx.access,
  notifier: ctx.deps.notifier,
  maxResponsesPerLead: ctx.deps.maxResponsesPerLead,
});

export const Mutation: MutationResolvers = {
  postLead: (_parent, args, ctx) => postLead({ Lead: ctx.models.Lead, notifier: ctx.deps.notifier }, ctx.identity, args.input),
  respondToLead: (_parent, args, ctx) => respondToLead(deps(ctx), ctx.identity, args.input),
  sendMessage: (_parent, args, ctx) => sendMessage(deps(ctx), ctx.identity, args.input),
  hireResponse: (_parent, args, ctx) => hireResponse(deps(ctx), ctx.identity, args.responseId),
  completeLead: (_parent, args, ctx) => completeLead(deps(ctx), ctx.identity, args.leadId),
  closeLead: (_parent, args, ctx) => closeLead(deps(ctx), ctx.identity, args.leadId),
};
