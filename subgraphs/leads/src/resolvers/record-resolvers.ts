import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';

/**
 * Resolvers over database records for the types codegen has no mapper for yet (Response,
 * Message and the nested lead parts; see /tmp findings: `MAPPERS.leads` in codegen.ts). The
 * arguments still come from the generated types.
 */
export type FieldResolver<TParent, TArgs = Record<string, unknown>, TResult = unknown> = (
  parent: TParent,
  args: TArgs,
  context: Context,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export type RecordResolvers<TParent> = Record<string, FieldResolver<TParent, never>> & {
  __resolveReference?: (reference: { id: string }, context: Context) => unknown;
};
