import { enqueueMail } from '@leadgraph/mail';
import type { Logger } from '@leadgraph/logging';
import type { Connection, Types } from 'mongoose';
import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import type { PrivacyPeer } from '../peers/privacy.ts';
import { marketingCampaignModel, type MarketingCampaignRecord } from './model.ts';
import { inAreas, normalizeSegment, segmentFilter, segmentInput } from './segment.ts';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token.ts';

export const sendMarketingMessageInput = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  segment: segmentInput,
});

/** People read and checked per batch: one consent call and one restriction call to privacy each. */
export const MARKETING_BATCH = 500;

export interface SendMarketingDeps {
  User: UserModel;
  /** The users database: the outbox and the campaign record. */
  db: Connection;
  privacy: PrivacyPeer;
  unsubscribeKey: Buffer;
  appUrl: string;
  logger: Logger;
}

type Recipient = Pick<UserRecord, '_id' | 'name' | 'email' | 'proProfile'>;

/**
 * Mails an admin's marketing message to a segment, batch by batch (ids in order): consent to
 * MARKETING is asked of the privacy subgraph at send time, then restrictions for those who
 * consented; only the rest get a mail, queued in the outbox with their own unsubscribe link
 * (one per campaign and person: a rerun never mails twice). The campaign records the counts
 * by reason and who sent it; neither it nor the log names a recipient. If privacy cannot
 * answer, the send stops there (`SERVICE_UNAVAILABLE`): the batches already queued stay, and
 * the campaign stays SENDING with the counts so far.
 */
export async function sendMarketingMessage(deps: SendMarketingDeps, adminId: string, input: unknown): Promise<MarketingCampaignRecord> {
  const parsed = sendMarketingMessageInput.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => ['input', ...issue.path].join('.')))];
    throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ${fields.join(', ')}`, fields[0]);
  }
  const { subject, body } = parsed.data;
  const segment = normalizeSegment(parsed.data.segment);
  const Campaign = marketingCampaignModel(deps.db);
  const [created] = await Campaign.create([{ subject, body, segment, createdBy: adminId, createdAt: new Date(), status: 'SENDING' }]);
  const campaignId = created!._id as Types.ObjectId;
  const counts = { matched: 0, queued: 0, noConsent: 0, restricted: 0 };
  const filter = segmentFilter(segment);
  let after: Types.ObjectId | null = null;
  for (;;) {
    const batch: Recipient[] = await deps.User.find(after === null ? filter : { ...filter, _id: { $gt: after } }, { name: 1, email: 1, proProfile: 1 })
      .sort({ _id: 1 })
      .limit(MARKETING_BATCH)
      .lean<Recipient[]>();
    if (batch.length === 0) break;
    after = batch.at(-1)!._id;
    const people = batch.filter((user) => inAreas(segment, user.proProfile?.serviceAreas));
    counts.matched += people.length;
    const ids = people.map((user) => user._id.toHexString());
    const consenting = ids.length === 0 ? new Set<string>() : await deps.privacy.marketingConsentIds(ids);
    const restricted = consenting.size === 0 ? new Set<string>() : await deps.privacy.restrictedIds([...consenting]);
    for (const user of people) {
      const id = user._id.toHexString();
      if (!consenting.has(id)) counts.noConsent += 1;
      else if (restricted.has(id)) counts.restricted += 1;
      else {
        await enqueueMail(deps.db, {
          template: 'marketing',
          to: user.email,
          data: { name: user.name, subject, body, unsubscribeUrl: unsubscribeUrl(deps.appUrl, unsubscribeToken(deps.unsubscribeKey, id)) },
          dedupeKey: `marketing:${campaignId.toHexString()}:${id}`,
        });
        counts.queued += 1;
      }
    }
    await Campaign.updateOne({ _id: campaignId }, { $set: { counts } });
    if (batch.length < MARKETING_BATCH) break;
  }
  const finished = await Campaign.findOneAndUpdate({ _id: campaignId }, { $set: { counts, status: 'QUEUED', finishedAt: new Date() } }, { returnDocument: 'after' }).lean<MarketingCampaignRecord>();
  deps.logger.info({ event: 'marketing.queued', campaignId: campaignId.toHexString(), adminId, ...counts }, 'marketing message queued');
  return finished!;
}
