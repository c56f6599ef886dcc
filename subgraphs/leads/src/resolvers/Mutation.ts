import type {
  MutationCloseLeadArgs,
  MutationCompleteLeadArgs,
  MutationHireResponseArgs,
  MutationPostLeadArgs,
  MutationRespondToLeadArgs,
  MutationSendMessageArgs,
} from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { closeLead, completeLead, hireResponse } from '../services/hire-response.ts';
import { postLead } from '../services/post-lead.ts';
import { respondToLead } from '../services/respond-to-lead.ts';
import { sendMessage } from '../services/send-message.ts';
import type { FieldResolver } from './record-resolvers.ts';

const deps = (ctx: Context) => ({
  models: ctx.models,
  loaders: ctx.loaders,
  access: ctx.access,
  notifier: ctx.deps.notifier,
  maxResponsesPerLead: ctx.deps.maxResponsesPerLead,
});

export const Mutation = {
  postLead: ((_parent, args, ctx) =>
    postLead({ Lead: ctx.models.Lead, notifier: ctx.deps.notifier }, ctx.identity, args.input)) as FieldResolver<unknown, MutationPostLeadArgs>,
  respondToLead: ((_parent, args, ctx) => respondToLead(deps(ctx), ctx.identity, args.input)) as FieldResolver<unknown, MutationRespondToLeadArgs>,
  sendMessage: ((_parent, args, ctx) => sendMessage(deps(ctx), ctx.identity, args.input)) as FieldResolver<unknown, MutationSendMessageArgs>,
  hireResponse: ((_parent, args, ctx) => hireResponse(deps(ctx), ctx.identity, args.responseId)) as FieldResolver<unknown, MutationHireResponseArgs>,
  completeLead: ((_parent, args, ctx) => completeLead(deps(ctx), ctx.identity, args.leadId)) as FieldResolver<unknown, MutationCompleteLeadArgs>,
  closeLead: ((_parent, args, ctx) => closeLead(deps(ctx), ctx.identity, args.leadId)) as FieldResolver<unknown, MutationCloseLeadArgs>,
};
