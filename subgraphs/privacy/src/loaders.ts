import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { PENDING_DSR_STATUSES, type DataSubjectRequestModel } from './models/data-subject-request.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  DataSubjectRequest: DataSubjectRequestModel;
}

/** Pending requests per subject for many subjects in one aggregation, in key order (0 when none). */
async function countPending(model: DataSubjectRequestModel, subjectIds: readonly string[]): Promise<number[]> {
  const rows = await model.aggregate<{ _id: Types.ObjectId; count: number }>([
    {
      $match: {
        subjectId: { $in: [...new Set(subjectIds)].map((id) => new Types.ObjectId(id)) },
        status: { $in: [...PENDING_DSR_STATUSES] },
      },
    },
    { $group: { _id: '$subjectId', count: { $sum: 1 } } },
  ]);
  const bySubject = new Map(rows.map((row) => [row._id.toHexString(), row.count]));
  return subjectIds.map((id) => bySubject.get(id) ?? 0);
}

/** Per-request batching: the counts for N users in one operation become one aggregation. */
export function createLoaders(models: Models) {
  return {
    pendingRequestCount: new DataLoader<string, number>((ids) => countPending(models.DataSubjectRequest, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
