import { parseObjectId } from '@leadgraph/db';
import type { Models } from '../loaders.ts';
import type { DisputeRecord } from '../models/dispute.ts';

/**
 * The disputes a person is a party of, oldest first, for their data export (contract P1): the
 * whole case as both parties see it (reason, audit trail, questions and answers). An id that is
 * not an ObjectId has none.
 */
export async function disputesOf(models: Models, subjectId: string): Promise<DisputeRecord[]> {
  const id = parseObjectId(subjectId);
  if (id === null) return [];
  return models.Dispute.find({ $or: [{ clientId: id }, { proId: id }] })
    .sort({ createdAt: 1, _id: 1 })
    .lean<DisputeRecord[]>()
    .exec();
}
