import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import type { ConsentPurpose, ConsentRecord, ConsentRecordModel } from '../models/consent-record.ts';

/**
 * Merges an anonymous visitor's consent into the account at sign-in.
 *
 * Where: here, in the privacy subgraph, on the first consent query or mutation (`myConsent`,
 * `myConsentHistory`, `myConsentStatus`, `setConsent`, `recordPageView`) of a signed-in user
 * whose request still carries the visitor id of the `lg_vid` cookie. The users subgraph's
 * sign-in needs no change, and the merge happens before any decision is read.
 *
 * How: the visitor's unmerged records are claimed in one update (a fresh claim id, so two
 * concurrent requests never copy them twice); for each purpose the visitor's latest decision
 * is copied into the account (marked `mergedFromVisitor`) unless the account decided that
 * purpose more recently. The visitor's records stay, marked merged, as part of the history.
 * Returns how many decisions were copied.
 */
export async function mergeVisitorConsent(model: ConsentRecordModel, userId: Types.ObjectId, visitorId: string, now: Date): Promise<number> {
  const pending = { visitorId, userId: null, mergedAt: null };
  if ((await model.exists(pending)) === null) return 0;
  const claim = randomUUID();
  await model.updateMany(pending, { $set: { mergedAt: now, mergeClaim: claim } });
  const claimed = await model.find({ visitorId, mergeClaim: claim }).sort({ _id: -1 }).lean<ConsentRecord[]>();
  const latestPerPurpose = new Map<ConsentPurpose, ConsentRecord>();
  for (const record of claimed) if (!latestPerPurpose.has(record.purpose)) latestPerPurpose.set(record.purpose, record);
  const copies = [];
  for (const record of latestPerPurpose.values()) {
    const accountLatest = await model.findOne({ userId, purpose: record.purpose }).sort({ _id: -1 }).lean<ConsentRecord>();
    if (accountLatest !== null && accountLatest.recordedAt.getTime() >= record.recordedAt.getTime()) continue;
    copies.push({
      userId,
      visitorId: null,
      purpose: record.purpose,
      granted: record.granted,
      action: accountLatest === null ? 'GIVEN' : accountLatest.granted && !record.granted ? 'WITHDRAWN' : 'CHANGED',
      source: record.source,
      gpcSignal: record.gpcSignal,
      fromGpc: record.fromGpc,
      cookiePolicyVersion: record.cookiePolicyVersion,
      privacyPolicyVersion: record.privacyPolicyVersion,
      mergedFromVisitor: true,
      recordedAt: record.recordedAt,
    });
  }
  if (copies.length > 0) await model.insertMany(copies);
  return copies.length;
}
