import DataLoader from 'dataloader';
import { findPage } from '@leadgraph/db';
import { Types } from 'mongoose';
import type { MutationResolvers, UserResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { callerOf } from '../resolvers/caller.ts';
import { pageRequest } from '../services/page-request.ts';
import { payoutAccountModel, payoutModel, type PayoutAccountRecord, type PayoutRecord } from './model.ts';
import { recordPayout } from './record-payout.ts';
import { setMyPayoutAccount } from './set-my-payout-account.ts';
import { maySeePayouts, payoutAccountView, payoutView } from './views.ts';

/** Per request (keyed by the request's loaders): every payout account asked for in one `$in` query. */
const accountLoaders = new WeakMap<object, DataLoader<string, PayoutAccountRecord | null>>();

function accountLoader(ctx: Context): DataLoader<string, PayoutAccountRecord | null> {
  let loader = accountLoaders.get(ctx.loaders);
  if (loader === undefined) {
    const PayoutAccount = payoutAccountModel(ctx.marketplace.db);
    loader = new DataLoader(async (proIds) => {
      const found = await PayoutAccount.find({ proId: { $in: proIds.map((id) => new Types.ObjectId(id)) } }).lean<PayoutAccountRecord[]>();
      const byPro = new Map(found.map((account) => [account.proId.toHexString(), account]));
      return proIds.map((id) => byPro.get(id) ?? null);
    });
    accountLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

const EMPTY_PAGE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

/** `User.payoutAccount` and `User.payouts`: the pro, admins and an exporting service only. */
export const payoutUserResolvers: Pick<UserResolvers<Context>, 'payoutAccount' | 'payouts'> = {
  payoutAccount: async (user, _args, ctx) => {
    const proId = user._id.toHexString();
    if (user.role !== 'pro' || !maySeePayouts(proId, ctx.identity)) return null;
    const account = await accountLoader(ctx).load(proId);
    return account === null ? null : payoutAccountView(account);
  },
  payouts: async (user, args, ctx) => {
    const proId = user._id.toHexString();
    const request = pageRequest(args.first, args.after);
    if (!maySeePayouts(proId, ctx.identity)) return EMPTY_PAGE;
    const page = await findPage<PayoutRecord>(payoutModel(ctx.marketplace.db), { proId: user._id }, request);
    return { edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: payoutView(edge.node) })), pageInfo: page.pageInfo };
  },
};

export const payoutMutationResolvers: Pick<MutationResolvers<Context>, 'setMyPayoutAccount' | 'recordPayout'> = {
  setMyPayoutAccount: async (_p, { input, password }, ctx) => {
    const { db, appUrl } = ctx.marketplace;
    const deps = { accounts: ctx.accounts, User: ctx.models.User, PayoutAccount: payoutAccountModel(db), db, appUrl, privacy: ctx.marketplace.privacy };
    return payoutAccountView(await setMyPayoutAccount(deps, callerOf(ctx), input, password));
  },
  recordPayout: async (_p, { input }, ctx) => {
    const { db, keys } = ctx.marketplace;
    const deps = { User: ctx.models.User, PayoutAccount: payoutAccountModel(db), Payout: payoutModel(db), fingerprintKey: keys.payoutFingerprint, logger: ctx.logger };
    return payoutView(await recordPayout(deps, ctx.identity.userId!, input));
  },
};
