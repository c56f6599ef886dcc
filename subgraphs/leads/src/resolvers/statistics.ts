import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { partnerStatistics } from '../statistics/partner-statistics.ts';

/** Issue #8 partner statistics: aggregates only, for admins and keys with `statistics:read`. */
export const statisticsQuery: Pick<QueryResolvers, 'partnerStatistics'> = {
  partnerStatistics: (_parent, args, ctx) =>
    partnerStatistics({ models: ctx.models, reviews: ctx.deps.reviews, minGroupSize: ctx.deps.statisticsMinGroupSize }, ctx.identity, args.input),
};
