import type { ResponseMessagesArgs } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import type { ResponseRecord } from '../models/response.ts';
import { requireId } from '../services/find-lead.ts';
import { threadMessages } from '../services/list-responses.ts';
import type { FieldResolver } from './record-resolvers.ts';

/** A response by id for its two participants only; null otherwise (the same as a missing one). */
export async function findVisibleResponse(id: string, ctx: Context): Promise<ResponseRecord | null> {
  const response = await ctx.loaders.responseById.load(requireId(id, 'response'));
  return response !== null && ctx.access.isParticipant(response) ? response : null;
}

export const Response = {
  __resolveReference: (reference: { id: string }, ctx: Context) => findVisibleResponse(reference.id, ctx),
  id: (response: ResponseRecord) => response._id.toHexString(),
  clientId: (response: ResponseRecord) => response.clientId.toHexString(),
  proId: (response: ResponseRecord) => response.proId.toHexString(),
  pro: (response: ResponseRecord) => ({ id: response.proId.toHexString() }),
  /** The lead, when the caller may see it (its client always; the pro who responded always). */
  lead: (async (response, _args, ctx) => {
    const lead = await ctx.loaders.leadById.load(response.leadId.toHexString());
    return lead !== null && (await ctx.access.mayRead(lead)) ? lead : null;
  }) as FieldResolver<ResponseRecord>,
  hired: (async (response, _args, ctx) => {
    const lead = await ctx.loaders.leadById.load(response.leadId.toHexString());
    return lead?.hiredResponseId?.equals(response._id) === true;
  }) as FieldResolver<ResponseRecord>,
  messages: ((response, args, ctx) => threadMessages(ctx.models.Message, ctx.access, response, args)) as FieldResolver<
    ResponseRecord,
    ResponseMessagesArgs
  >,
};
