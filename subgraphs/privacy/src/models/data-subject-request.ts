import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/**
 * Lifecycle of a data-subject request (GDPR Art. 12, 15–21). The allowed transitions are one
 * table in `services/dsr-transitions.ts`; each transition appends to `history` in the same
 * atomic update that changes `status`.
 */
export const DSR_STATUSES = [
  /** Filed; not worked on yet. */
  'RECEIVED',
  /** Waiting for the requester to confirm their identity by a recent sign-in (ACCESS, ERASURE). */
  'VERIFYING',
  /** Identity confirmed (or not needed); being carried out. */
  'IN_PROGRESS',
  /** Answered: exported, corrected, erased, restricted... Final. */
  'COMPLETED',
  /** Refused, with a reason. Final. */
  'REJECTED',
  /** Deadline extended by two months (once), with a reason; still being worked on. */
  'EXTENDED',
  /** A RESTRICTION or OBJECTION no longer in force: lifted by the requester or an admin. Final. */
  'LIFTED',
] as const;
export type DsrStatus = (typeof DSR_STATUSES)[number];

/** Statuses of a request that still needs an answer. */
export const PENDING_DSR_STATUSES: readonly DsrStatus[] = ['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED'];

/** What the user asks for. */
export const DSR_KINDS = ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'CONSENT_WITHDRAWAL'] as const;
export type DsrKind = (typeof DSR_KINDS)[number];

/** Who made a transition: a user's role, or the platform itself. */
export const ACTOR_ROLES = ['CLIENT', 'PRO', 'ADMIN', 'SYSTEM'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Whether the requester's REQUEST_UPDATE mail was queued by the users subgraph. */
export const NOTIFICATION_OUTCOMES = ['PENDING', 'QUEUED', 'NO_ACCOUNT', 'FAILED'] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

const transitionSchema = new Schema(
  {
    from: { type: String, enum: [...DSR_STATUSES, null], default: null },
    to: { type: String, required: true, enum: DSR_STATUSES },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorRole: { type: String, required: true, enum: ACTOR_ROLES },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
    notification: { type: String, required: true, enum: NOTIFICATION_OUTCOMES, default: 'PENDING' },
  },
  { _id: false },
);

/** What one subgraph's `eraseDataSubject` did in one collection (counts only). */
const erasureCountSchema = new Schema(
  {
    /** The collection's name (`collection` is reserved by mongoose). */
    collectionName: { type: String, required: true },
    deleted: { type: Number, required: true },
    anonymized: { type: Number, required: true },
    held: { type: Number, required: true },
  },
  { _id: false },
);

/** One subgraph's finished erasure: a rerun skips it (resumable orchestration, contract P4). */
const subgraphErasureSchema = new Schema(
  {
    subgraph: { type: String, required: true },
    erasedAt: { type: Date, required: true },
    collections: { type: [erasureCountSchema], default: [] },
    heldUntil: { type: Date, default: null },
  },
  { _id: false },
);

/** Where the verification scan found a former value: never the value. */
const scanLocationSchema = new Schema(
  {
    subgraph: { type: String, required: true },
    collectionName: { type: String, required: true },
    path: { type: String, required: true },
    count: { type: Number, required: true },
  },
  { _id: false },
);

const verificationSchema = new Schema(
  {
    verifiedAt: { type: Date, required: true },
    valuesSearched: { type: Number, required: true },
    valuesHeld: { type: Number, required: true },
    exportHits: { type: Number, required: true },
    exportErrors: { type: Number, required: true, default: 0 },
    scanHits: { type: [scanLocationSchema], default: [] },
    clean: { type: Boolean, required: true },
  },
  { _id: false },
);

/** The progress of an ERASURE request's orchestration (services/erasure-run.ts). */
const erasureSchema = new Schema(
  {
    startedAt: { type: Date, required: true },
    subgraphs: { type: [subgraphErasureSchema], default: [] },
    verification: { type: verificationSchema, default: null },
  },
  { _id: false },
);

export const dataSubjectRequestSchema = new Schema(
  {
    /** The user (in the users subgraph) the request is about and from. */
    subjectId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: DSR_KINDS },
    status: { type: String, required: true, enum: DSR_STATUSES, default: 'RECEIVED' },
    details: { type: String, default: null },
    /** `subject` (the requester) or `admin:<id>` (filed on the person's behalf, e.g. a minor). */
    filedBy: { type: String, required: true, default: 'subject' },
    receivedAt: { type: Date, required: true },
    /** received + 1 month; + 2 months once extended. */
    dueAt: { type: Date, required: true },
    extendedAt: { type: Date, default: null },
    verifiedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    reason: { type: String, default: null },
    history: { type: [transitionSchema], default: [] },
    /** ERASURE: per-subgraph progress and the verification (counts and locations, never values). */
    erasure: { type: erasureSchema, default: null },
    /** `<subjectId>:<kind>` while the request is open, unset once final: one open request per kind and person, also under concurrent filings. */
    openKey: { type: String, default: undefined },
  },
  { timestamps: true, collection: 'data_subject_requests' },
);
declarePersonalStorage(dataSubjectRequestSchema, {
  subjects: { subjectId: ['details'] },
  paths: {
    details: 'DataSubjectRequest.details',
    reason: { waiver: "an admin's reason for a decision on the request (refusal, extension): the accountability record of the answer" },
    'history.reason': { waiver: "the same reason, in the request's audit trail of transitions" },
    'erasure.subgraphs.collections.collectionName': { waiver: 'the name of a database collection an erasure touched, not of a person' },
    'erasure.verification.scanHits.collectionName': { waiver: 'the name of a database collection where the scan found a value, never the value' },
  },
});
// Pending requests per subject (`User.pendingDataSubjectRequests`), restrictions, own list.
dataSubjectRequestSchema.index({ subjectId: 1, status: 1 });
dataSubjectRequestSchema.index({ subjectId: 1, _id: -1 });
dataSubjectRequestSchema.index({ openKey: 1 }, { unique: true, sparse: true });
// The admins' queue: soonest due first, per status.
dataSubjectRequestSchema.index({ status: 1, dueAt: 1, _id: 1 });
dataSubjectRequestSchema.index({ dueAt: 1, _id: 1 });

export type DsrTransition = {
  from: DsrStatus | null;
  to: DsrStatus;
  actorId: Types.ObjectId | null;
  actorRole: ActorRole;
  reason: string | null;
  at: Date;
  notification: NotificationOutcome;
};

export interface ErasureCountRecord {
  collectionName: string;
  deleted: number;
  anonymized: number;
  held: number;
}
export interface SubgraphErasureRecord {
  subgraph: string;
  erasedAt: Date;
  collections: ErasureCountRecord[];
  heldUntil: Date | null;
}
export interface ErasureVerificationRecord {
  verifiedAt: Date;
  valuesSearched: number;
  valuesHeld: number;
  exportHits: number;
  exportErrors: number;
  scanHits: Array<{ subgraph: string; collectionName: string; path: string; count: number }>;
  clean: boolean;
}
export interface ErasureRecord {
  startedAt: Date;
  subgraphs: SubgraphErasureRecord[];
  verification: ErasureVerificationRecord | null;
}

export type DataSubjectRequestRecord = Omit<InferSchemaType<typeof dataSubjectRequestSchema>, 'history' | 'erasure'> & {
  _id: Types.ObjectId;
  kind: DsrKind;
  status: DsrStatus;
  history: DsrTransition[];
  erasure?: ErasureRecord | null;
};
export type DataSubjectRequestModel = Model<InferSchemaType<typeof dataSubjectRequestSchema>>;

/** The DataSubjectRequest model on this subgraph's connection. */
export function dataSubjectRequestModel(connection: Connection): DataSubjectRequestModel {
  return (
    (connection.models.DataSubjectRequest as DataSubjectRequestModel | undefined) ??
    (connection.model('DataSubjectRequest', dataSubjectRequestSchema) as unknown as DataSubjectRequestModel)
  );
}
