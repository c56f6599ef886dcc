import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * Lifecycle of a data-subject request (GDPR Art. 15–21). The transitions table and the audit
 * trail arrive with the data-subject-request issue; the states are fixed here so that
 * "pending" has one meaning from day one.
 */
export const DSR_STATUSES = [
  /** Filed by the user; not looked at yet. */
  'received',
  /** Waiting for the requester's identity to be verified. */
  'verifying',
  /** Verified and being carried out. */
  'in_progress',
  /** Answered: data exported, corrected, erased or restricted. */
  'completed',
  /** Refused, with a reason (e.g. a legal hold). */
  'rejected',
] as const;
export type DsrStatus = (typeof DSR_STATUSES)[number];

/** Statuses of a request that still needs an answer. */
export const PENDING_DSR_STATUSES: readonly DsrStatus[] = ['received', 'verifying', 'in_progress'];

/** What the user asks for. */
export const DSR_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'] as const;

export const dataSubjectRequestSchema = new Schema(
  {
    /** The user (in the users subgraph) the request is about and from. */
    subjectId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: DSR_KINDS },
    status: { type: String, required: true, enum: DSR_STATUSES, default: 'received' },
  },
  { timestamps: true, collection: 'data_subject_requests' },
);
// Pending requests per subject (`User.pendingDataSubjectRequests`).
dataSubjectRequestSchema.index({ subjectId: 1, status: 1 });

export type DataSubjectRequestRecord = InferSchemaType<typeof dataSubjectRequestSchema> & { _id: Types.ObjectId };
export type DataSubjectRequestModel = Model<InferSchemaType<typeof dataSubjectRequestSchema>>;

/** The DataSubjectRequest model on this subgraph's connection. */
export function dataSubjectRequestModel(connection: Connection): DataSubjectRequestModel {
  return (
    (connection.models.DataSubjectRequest as DataSubjectRequestModel | undefined) ??
    connection.model('DataSubjectRequest', dataSubjectRequestSchema)
  );
}
