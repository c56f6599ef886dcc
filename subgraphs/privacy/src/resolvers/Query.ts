import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { serviceStatus } from '../services/service-status.ts';

export const Query: QueryResolvers = {
  privacyService: (_parent, _args, ctx) => serviceStatus(ctx.databaseReachable),
};
