import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** The dispute lifecycle states (GraphQL `DisputeStatus`); the moves are in disputes/transitions.ts. */
export const DISPUTE_STATUSES = ['OPEN', 'UNDER_REVIEW', 'AWAITING_PARTIES', 'RESOLVED', 'REJECTED', 'WITHDRAWN'] as const;
export type DisputeStatusName = (typeof DISPUTE_STATUSES)[number];

/** The statuses of a dispute still to handle (at most one per lead and opener). */
export const ACTIVE_DISPUTE_STATUSES: readonly DisputeStatusName[] = ['OPEN', 'UNDER_REVIEW', 'AWAITING_PARTIES'];

export const DISPUTE_CATEGORIES = ['NO_SHOW', 'QUALITY', 'PAYMENT', 'UNRESPONSIVE', 'CONDUCT', 'CANCELLATION', 'OTHER'] as const;
export const DISPUTE_OUTCOMES = ['IN_FAVOUR_OF_CLIENT', 'IN_FAVOUR_OF_PRO', 'NO_FAULT', 'RULES_ENFORCED'] as const;
export const DISPUTE_PARTIES = ['CLIENT', 'PRO'] as const;
export type DisputeParty = (typeof DISPUTE_PARTIES)[number];
/** Who acts on a dispute: one of its parties or an admin. */
export const DISPUTE_ACTOR_ROLES = ['CLIENT', 'PRO', 'ADMIN'] as const;
export type DisputeActorRole = (typeof DISPUTE_ACTOR_ROLES)[number];

/** One line of the audit trail: who moved the dispute from where to where, when, with what note. */
const disputeTransitionSchema = new Schema(
  {
    /** Null for the opening. */
    from: { type: String, enum: DISPUTE_STATUSES, default: null },
    to: { type: String, enum: DISPUTE_STATUSES, required: true },
    actorId: { type: Schema.Types.ObjectId, required: true },
    actorRole: { type: String, enum: DISPUTE_ACTOR_ROLES, required: true },
    note: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** An admin's question to the parties, or a party's answer. */
const disputeEntrySchema = new Schema({
  kind: { type: String, enum: ['QUESTION', 'ANSWER'], required: true },
  authorId: { type: Schema.Types.ObjectId, required: true },
  authorRole: { type: String, enum: DISPUTE_ACTOR_ROLES, required: true },
  /** QUESTION: who must answer; ANSWER: the answering party. */
  parties: { type: [{ type: String, enum: DISPUTE_PARTIES }], default: [] },
  /** The question round it belongs to (1 for the first question). */
  round: { type: Number, required: true },
  body: { type: String, required: true },
  createdAt: { type: Date, required: true },
});

/**
 * A dispute between a lead's client and one pro about their thread (the response). Its status
 * moves only through the table in disputes/transitions.ts, each move a conditional update that
 * also appends to `history`. Questions and answers are embedded (`entries`), so a move and the
 * entry that causes it are one atomic write.
 */
export const disputeSchema = new Schema(
  {
    leadId: { type: Schema.Types.ObjectId, required: true },
    /** The thread between the parties (the response's id). */
    responseId: { type: Schema.Types.ObjectId, required: true },
    clientId: { type: Schema.Types.ObjectId, required: true },
    proId: { type: Schema.Types.ObjectId, required: true },
    openedById: { type: Schema.Types.ObjectId, required: true },
    openedBy: { type: String, enum: DISPUTE_PARTIES, required: true },
    category: { type: String, enum: DISPUTE_CATEGORIES, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: DISPUTE_STATUSES, required: true, default: 'OPEN' },
    outcome: { type: String, enum: DISPUTE_OUTCOMES, default: null },
    resolutionNote: { type: String, default: null },
    /**
     * `<leadId>:<openerId>` while the dispute is active, removed when it closes: the unique sparse
     * index makes "one open dispute per lead per opener" hold under concurrent requests.
     */
    openKey: { type: String, default: undefined },
    /** The current question round (0 before the first question). */
    round: { type: Number, required: true, default: 0 },
    /** AWAITING_PARTIES: the parties asked in the current round who have not answered yet. */
    awaiting: { type: [{ type: String, enum: DISPUTE_PARTIES }], default: [] },
    history: { type: [disputeTransitionSchema], default: [] },
    entries: { type: [disputeEntrySchema], default: [] },
  },
  { timestamps: true, collection: 'disputes' },
);
// Erasure (privacy-kit's engine) works per stored path: erasing either party anonymizes every
// entry's text (`entries.body` across the array) and the notes, and keeps the case itself
// (parties' ids, statuses, outcome, who moved it when).
declarePersonalStorage(disputeSchema, {
  keepDocument: 'a dispute is the record of how a case between two people was decided: erasure blanks the texts and keeps the case',
  subjects: {
    openedById: ['reason'],
    'entries.authorId': ['entries.body'],
    clientId: ['resolutionNote', 'history.note'],
    proId: ['resolutionNote', 'history.note'],
  },
  paths: {
    reason: 'Dispute.reason',
    resolutionNote: 'Dispute.resolutionNote',
    'history.note': 'DisputeTransition.note',
    'entries.body': 'DisputeEntry.body',
  },
});
disputeSchema.index({ openKey: 1 }, { unique: true, sparse: true });
// The admins' queue: by status, oldest first.
disputeSchema.index({ status: 1, createdAt: 1, _id: 1 });
// A lead's disputes.
disputeSchema.index({ leadId: 1, createdAt: 1, _id: 1 });
// A party's disputes (data export, erasure).
disputeSchema.index({ clientId: 1, createdAt: 1, _id: 1 });
disputeSchema.index({ proId: 1, createdAt: 1, _id: 1 });

export type DisputeTransitionRecord = {
  from: DisputeStatusName | null;
  to: DisputeStatusName;
  actorId: Types.ObjectId;
  actorRole: DisputeActorRole;
  note: string | null;
  at: Date;
};
export type DisputeEntryRecord = {
  _id: Types.ObjectId;
  kind: 'QUESTION' | 'ANSWER';
  authorId: Types.ObjectId;
  authorRole: DisputeActorRole;
  parties: DisputeParty[];
  round: number;
  body: string;
  createdAt: Date;
};
export type DisputeRecord = Omit<InferSchemaType<typeof disputeSchema>, 'history' | 'entries' | 'status' | 'openedBy' | 'awaiting'> & {
  awaiting: DisputeParty[];
  _id: Types.ObjectId;
  status: DisputeStatusName;
  openedBy: DisputeParty;
  createdAt: Date;
  updatedAt: Date;
  history: DisputeTransitionRecord[];
  entries: DisputeEntryRecord[];
};
export type DisputeModel = Model<InferSchemaType<typeof disputeSchema>>;

export function disputeModel(connection: Connection): DisputeModel {
  return (connection.models.Dispute as DisputeModel | undefined) ?? (connection.model('Dispute', disputeSchema) as unknown as DisputeModel);
}
