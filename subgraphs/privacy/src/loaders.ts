import DataLoader from 'dataloader';
import { Types, type Connection } from 'mongoose';
import { consentRecordModel, type ConsentRecordModel } from './models/consent-record.ts';
import { dataSubjectRequestModel, PENDING_DSR_STATUSES, type DataSubjectRequestModel, type DataSubjectRequestRecord } from './models/data-subject-request.ts';
import { exportArtifactModel, type ExportArtifactModel, type ExportArtifactRecord } from './models/export-artifact.ts';
import { minorFlagModel, type MinorFlagModel } from './models/minor-flag.ts';
import { policyVersionModel, type PolicyVersionModel } from './models/policy-version.ts';
import { processorModel, type ProcessorModel } from './models/processor.ts';
import { technicalEventModel, type TechnicalEventModel } from './models/technical-event.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  DataSubjectRequest: DataSubjectRequestModel;
  PolicyVersion: PolicyVersionModel;
  ConsentRecord: ConsentRecordModel;
  TechnicalEvent: TechnicalEventModel;
  MinorFlag: MinorFlagModel;
  Processor: ProcessorModel;
  ExportArtifact: ExportArtifactModel;
}

export function createModels(connection: Connection): Models {
  return {
    DataSubjectRequest: dataSubjectRequestModel(connection),
    PolicyVersion: policyVersionModel(connection),
    ConsentRecord: consentRecordModel(connection),
    TechnicalEvent: technicalEventModel(connection),
    MinorFlag: minorFlagModel(connection),
    Processor: processorModel(connection),
    ExportArtifact: exportArtifactModel(connection),
  };
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
    /** The export of a request, by request id (null when none). */
    exportByRequest: new DataLoader<string, ExportArtifactRecord | null>(async (ids) => {
      const found = await models.ExportArtifact.find({ requestId: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<ExportArtifactRecord[]>();
      const byRequest = new Map(found.map((artifact) => [artifact.requestId.toHexString(), artifact]));
      return ids.map((id) => byRequest.get(id) ?? null);
    }),
    /** A request by id, for `MinorFlag.erasureRequest`. */
    requestById: new DataLoader<string, DataSubjectRequestRecord | null>(async (ids) => {
      const found = await models.DataSubjectRequest.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<DataSubjectRequestRecord[]>();
      const byId = new Map(found.map((request) => [request._id.toHexString(), request]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
