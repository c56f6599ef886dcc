import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { findByIds } from '@leadgraph/db';
import { expireDueOnRead } from './lifecycle/expiry.ts';
import type { DisputeModel } from './models/dispute.ts';
import type { LeadModel, LeadRecord } from './models/lead.ts';
import type { MessageModel } from './models/message.ts';
import type { PendingNotificationModel } from './models/pending-notification.ts';
import type { ResponseModel, ResponseRecord } from './models/response.ts';
import type { ProMatchProfile, UsersPeer } from './peers/users-client.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  Lead: LeadModel;
  Response: ResponseModel;
  Message: MessageModel;
  PendingNotification: PendingNotificationModel;
  Dispute: DisputeModel;
}

/** The key of "this pro's response to this lead". */
export const leadProKey = (leadId: string, proId: string) => `${leadId}:${proId}`;

/**
 * Per-request batching: every lookup by id (leads, responses, a pro's response to a lead, pros'
 * matching profiles from the users subgraph) is one query per kind per request, whatever the
 * number of objects a page shows.
 */
export function createLoaders(models: Models, users: UsersPeer) {
  return {
    /** Leads by id; due OPEN leads come back EXPIRED (sweep on read). */
    leadById: new DataLoader<string, LeadRecord | null>(async (ids) => {
      const leads = await findByIds<LeadRecord>(models.Lead, ids);
      await expireDueOnRead(models.Lead, leads);
      return leads;
    }),
    responseById: new DataLoader<string, ResponseRecord | null>((ids) => findByIds<ResponseRecord>(models.Response, ids)),
    /**
     * Every response to each lead, oldest first, in one `$in` query for all the leads of a page
     * (a lead has at most MAX_RESPONSES_PER_LEAD, so the lists are small).
     */
    responsesByLead: new DataLoader<string, ResponseRecord[]>(async (leadIds) => {
      const docs = await models.Response.find({ leadId: { $in: leadIds.map((id) => new Types.ObjectId(id)) } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<ResponseRecord[]>();
      const byLead = new Map<string, ResponseRecord[]>(leadIds.map((id) => [id, []]));
      for (const doc of docs) byLead.get(doc.leadId.toHexString())?.push(doc);
      return leadIds.map((id) => byLead.get(id) ?? []);
    }),
    /** A pro's response to a lead, keyed `leadId:proId` (see `leadProKey`). */
    responseByLeadAndPro: new DataLoader<string, ResponseRecord | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const docs = await models.Response.find({
        leadId: { $in: [...new Set(pairs.map(([lead]) => lead))].map((id) => new Types.ObjectId(id)) },
        proId: { $in: [...new Set(pairs.map(([, pro]) => pro))].map((id) => new Types.ObjectId(id)) },
      }).lean<ResponseRecord[]>();
      const byKey = new Map(docs.map((doc) => [leadProKey(doc.leadId.toHexString(), doc.proId.toHexString()), doc]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    /** Pros' matching profiles (contract C1), one call to the users subgraph per request. */
    matchProfile: new DataLoader<string, ProMatchProfile | null>(async (ids) => {
      const profiles = await users.proMatchProfiles(ids);
      const byId = new Map(profiles.map((profile) => [profile.proId, profile]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
