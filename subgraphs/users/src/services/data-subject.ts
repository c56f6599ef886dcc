import { parseObjectId } from '@leadgraph/db';
import type { Loaders } from '../loaders.ts';
import type { UserRecord } from '../models/user.ts';
import type { Connection } from 'mongoose';
import { payoutModel, type PayoutRecord } from '../payouts/model.ts';

/**
 * The users subgraph's part of a person's data export (contract P1): their own account, closed
 * or not, with every exported field (the pro profile whatever its status). Null for an id that
 * is not an ObjectId, an unknown id, and an erased account (its address is gone: what is left is
 * an anonymised shell holding no personal value).
 */
export async function accountOf(loaders: Loaders, subjectId: string): Promise<UserRecord | null> {
  const id = parseObjectId(subjectId);
  if (id === null) return null;
  const user = await loaders.userById.load(id.toHexString());
  if (user === null || user.email == null || user.email === '') return null;
  return user;
}

/** Every payout recorded for the person as a pro (bookkeeping held six years), oldest first. */
export function payoutsOf(db: Connection, subjectId: string): Promise<PayoutRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return Promise.resolve([]);
  return payoutModel(db).find({ proId: id }).sort({ _id: 1 }).lean<PayoutRecord[]>().exec();
}
