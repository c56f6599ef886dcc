import type { ResponseResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import type { ResponseRecord } from '../models/response.ts';
import { requireId } from '../services/find-lead.ts';
import { threadMessages } from '../services/list-responses.ts';

/** A response by id for its two participants only; null otherwise (the same as a missing one). */
export async function findVisibleResponse(id: string, ctx: Context): Promise<ResponseRecord | null> {
  const response = await ctx.loaders.responseById.load(requireId(id, 'response'));
  return response !== null && ctx.access.isParticipant(response) ? response : null;
}

export const Response: ResponseResolvers = {
  __resolveReference: (reference, ctx) => findVisibleResponse(reference.id, ctx),
  id: (response) => response._id.toHexString(),
  clientId: (response) => response.clientId.toHexString(),
  proId: (response) => response.proId.toHexString(),
  pro: (response) => ({ id: response.proId.toHexString() }),
  quote: (response) => response.quote!,
  /** The lead, when the caller may see it (its client always; the pro who responded always). */
  lead: async (response, _args, ctx) => {
    const lead = await ctx.loaders.leadById.load(response.leadId.toHexString());
    return lead !== null && (await ctx.access.mayRead(lead)) ? lead : null;
  },
  hired: async (response, _args, ctx) => {
    const lead = await ctx.loaders.leadById.load(response.leadId.toHexString());
    return lead?.hiredResponseId?.equals(response._id) === true;
  },
  messages: (response, args, ctx) => threadMessages(ctx.models.Message, ctx.access, response, args),
};
