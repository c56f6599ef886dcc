import { findPage } from '@leadgraph/db';
import type { LeadCategory, MarketingCampaign, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { pageRequest } from '../services/page-request.ts';
import { marketingCampaignModel, type MarketingCampaignRecord } from './model.ts';
import { sendMarketingMessage } from './send-marketing-message.ts';
import { unsubscribe } from './unsubscribe.ts';

const ROLE_VALUES = { CLIENT: 'client', PRO: 'pro' } as const;

/** A campaign as the API shows it: counts only. */
export function campaignView(record: MarketingCampaignRecord): MarketingCampaign {
  const { counts } = record;
  const segment = { roles: record.segment?.roles ?? [], categories: record.segment?.categories ?? [], serviceAreas: record.segment?.serviceAreas ?? [] };
  return {
    id: record._id.toHexString(),
    subject: record.subject,
    segment: {
      roles: segment.roles.map((role) => ROLE_VALUES[role as keyof typeof ROLE_VALUES]),
      categories: segment.categories as LeadCategory[],
      serviceAreas: segment.serviceAreas.map((a) => ({ countryCode: a.countryCode ?? '', postalPrefix: a.postalPrefix ?? '' })),
    },
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    matched: counts?.matched ?? 0,
    queued: counts?.queued ?? 0,
    skipped: [
      { reason: 'NO_CONSENT', count: counts?.noConsent ?? 0 },
      { reason: 'RESTRICTED', count: counts?.restricted ?? 0 },
    ],
  };
}

export const marketingMutationResolvers: Pick<MutationResolvers<Context>, 'sendMarketingMessage' | 'unsubscribe'> = {
  sendMarketingMessage: async (_p, { input }, ctx) => {
    const { db, privacy, keys, appUrl } = ctx.marketplace;
    const deps = { User: ctx.models.User, db, privacy, unsubscribeKey: keys.unsubscribe, appUrl, logger: ctx.logger };
    return campaignView(await sendMarketingMessage(deps, ctx.identity.userId!, input));
  },
  unsubscribe: async (_p, { token }, ctx) => {
    const { db, privacy, keys } = ctx.marketplace;
    await unsubscribe({ User: ctx.models.User, db, privacy, unsubscribeKey: keys.unsubscribe, logger: ctx.logger }, token);
    return true;
  },
};

export const marketingQueryResolvers: Pick<QueryResolvers<Context>, 'marketingCampaigns'> = {
  marketingCampaigns: async (_p, args, ctx) => {
    const page = await findPage<MarketingCampaignRecord>(marketingCampaignModel(ctx.marketplace.db), {}, pageRequest(args.first, args.after));
    return { edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: campaignView(edge.node) })), pageInfo: page.pageInfo };
  },
};
