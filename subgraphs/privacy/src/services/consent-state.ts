import { Types } from 'mongoose';
import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentRecord, type ConsentRecordModel } from '../models/consent-record.ts';
import { subjectFilter, type ConsentSubject } from './consent-subject.ts';

/** One purpose's state now. */
export interface PurposeState {
  purpose: ConsentPurpose;
  granted: boolean;
  /** The person decided (false: the opt-in default, or a refusal recorded from the GPC signal). */
  explicit: boolean;
  decidedAt: Date | null;
}

/** The latest record per purpose for a subject (one indexed query per purpose). */
export async function latestRecords(model: ConsentRecordModel, subject: ConsentSubject): Promise<Map<ConsentPurpose, ConsentRecord>> {
  const filter = subjectFilter(subject);
  const found = await Promise.all(
    CONSENT_PURPOSES.map((purpose) => model.findOne({ ...filter, purpose }).sort({ _id: -1 }).lean<ConsentRecord>()),
  );
  return new Map(found.filter((record): record is ConsentRecord => record !== null).map((record) => [record.purpose, record]));
}

/**
 * The state of a purpose from its latest record. NECESSARY is always granted. Every other
 * purpose is opt-in: refused until granted. A `Sec-GPC: 1` signal therefore changes nothing
 * for a person who never chose; an explicit grant wins over the signal.
 */
export function purposeState(purpose: ConsentPurpose, latest: ConsentRecord | undefined): PurposeState {
  if (purpose === 'NECESSARY') return { purpose, granted: true, explicit: false, decidedAt: null };
  if (latest === undefined) return { purpose, granted: false, explicit: false, decidedAt: null };
  return { purpose, granted: latest.granted, explicit: !latest.fromGpc, decidedAt: latest.recordedAt };
}

export function allPurposeStates(latest: Map<ConsentPurpose, ConsentRecord>): PurposeState[] {
  return CONSENT_PURPOSES.map((purpose) => purposeState(purpose, latest.get(purpose)));
}

/** Consent Mode v2 signals: the ad_* signals follow MARKETING, analytics_storage follows ANALYTICS. */
export function consentModeSignals(states: PurposeState[]) {
  const value = (purpose: ConsentPurpose) => (states.find((state) => state.purpose === purpose)?.granted ? 'GRANTED' : 'DENIED') as 'GRANTED' | 'DENIED';
  const marketing = value('MARKETING');
  return { adStorage: marketing, analyticsStorage: value('ANALYTICS'), adUserData: marketing, adPersonalization: marketing };
}

/**
 * "May we process these users' data for this purpose now?", in the order asked: one
 * aggregation for the whole batch (latest record per user for the purpose).
 */
export async function decisionsFor(
  model: ConsentRecordModel,
  userIds: readonly Types.ObjectId[],
  purpose: ConsentPurpose,
): Promise<Array<{ userId: string; purpose: ConsentPurpose; granted: boolean; explicit: boolean }>> {
  if (purpose === 'NECESSARY') return userIds.map((id) => ({ userId: id.toHexString(), purpose, granted: true, explicit: false }));
  const rows = await model.aggregate<{ _id: Types.ObjectId; granted: boolean; fromGpc: boolean }>([
    { $match: { userId: { $in: userIds }, purpose } },
    { $sort: { _id: -1 } },
    { $group: { _id: '$userId', granted: { $first: '$granted' }, fromGpc: { $first: '$fromGpc' } } },
  ]);
  const byUser = new Map(rows.map((row) => [row._id.toHexString(), row]));
  return userIds.map((id) => {
    const row = byUser.get(id.toHexString());
    return { userId: id.toHexString(), purpose, granted: row?.granted ?? false, explicit: row !== undefined && !row.fromGpc };
  });
}
