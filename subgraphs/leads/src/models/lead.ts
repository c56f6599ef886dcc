import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** The kinds of trip or service a lead can ask for (same names as the GraphQL enum). */
export const LEAD_CATEGORIES = [
  'TRAVEL',
  'MOVING',
  'HOME_IMPROVEMENT',
  'CLEANING',
  'GARDENING',
  'EVENTS',
  'PHOTOGRAPHY',
  'TUTORING',
] as const;
export type LeadCategoryName = (typeof LEAD_CATEGORIES)[number];

/** The lifecycle states (GraphQL `LeadStatus`); the moves between them are in lifecycle/transitions.ts. */
export const LEAD_STATUSES = ['OPEN', 'HIRED', 'COMPLETED', 'CLOSED', 'EXPIRED'] as const;
export type LeadStatusName = (typeof LEAD_STATUSES)[number];

/** ISO 4217 currencies a budget or a quote may be in (GraphQL `Currency`). */
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK'] as const;
export type CurrencyName = (typeof CURRENCIES)[number];

const place = {
  countryCode: { type: String, required: true },
  city: { type: String, required: true },
  /** As typed by the client. */
  postalCode: { type: String },
  /** Upper case, spaces removed: what pros' postal prefixes are matched against. */
  postalKey: { type: String },
};

/** One line of the lead's audit trail: who moved it from where to where, when and why. */
const transitionSchema = new Schema(
  {
    from: { type: String, enum: LEAD_STATUSES, required: true },
    to: { type: String, enum: LEAD_STATUSES, required: true },
    /** The user who made the move; null for the system (expiry). */
    actorId: { type: Schema.Types.ObjectId, default: null },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** A lead: a client's request for a trip or a service. */
export const leadSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, maxlength: 200 },
    description: { type: String, required: true, default: '' },
    category: { type: String, required: true, enum: LEAD_CATEGORIES },
    /** The client (a user in the users subgraph) who posted it. */
    clientId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, enum: LEAD_STATUSES, default: 'OPEN' },
    dates: {
      kind: { type: String, enum: ['FIXED', 'FLEXIBLE'], required: true, default: 'FIXED' },
      startDate: { type: String },
      endDate: { type: String },
      earliestDate: { type: String },
      latestDate: { type: String },
      durationDays: { type: Number },
    },
    location: { type: place, required: true },
    destination: { type: place, default: undefined },
    /** Amounts in the currency's minor unit (integers). */
    budget: {
      min: { type: Number, required: true, default: 0 },
      max: { type: Number, required: true, default: 0 },
      currency: { type: String, enum: CURRENCIES, required: true, default: 'EUR' },
    },
    details: { type: [{ key: String, value: String, _id: false }], default: [] },
    /** Personal: shown in clear only to the client and the hired pro (see `Lead.contact`). */
    contact: {
      email: { type: String, required: true, default: '' },
      phone: { type: String, required: true, default: '' },
      address: { type: String, required: true, default: '' },
    },
    /** Responses taken so far; raised atomically with `responseCount < max` (respond-to-lead.ts). */
    responseCount: { type: Number, required: true, default: 0 },
    hiredResponseId: { type: Schema.Types.ObjectId, default: null },
    hiredProId: { type: Schema.Types.ObjectId, default: null },
    /** An OPEN lead past this instant is EXPIRED (swept on read and periodically). */
    expiresAt: { type: Date, required: true },
    hiredAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    expiredAt: { type: Date, default: null },
    /** The audit trail of status changes, appended in the same update as the change. */
    transitions: { type: [transitionSchema], default: [] },
  },
  { timestamps: true, collection: 'leads' },
);
declarePersonalStorage(leadSchema, {
  keepDocument: "pros' responses, threads and reviews hang off the lead: erasure blanks the client's values and keeps the lead",
  subjects: { clientId: ['description', 'location', 'destination', 'details.value', 'contact'] },
  paths: {
    description: 'Lead.description',
    location: 'LeadPlace.city',
    destination: 'LeadPlace.city',
    'details.value': 'LeadDetail.value',
    'contact.email': 'LeadContact.email',
    'contact.phone': 'LeadContact.phone',
    'contact.address': 'LeadContact.address',
    'transitions.reason': { waiver: 'a fixed phrase the code writes (hired a response, expired...), never text from a person' },
  },
});
// `leadFeed`: OPEN leads of some categories in some countries, newest first (createdAt, _id).
leadSchema.index({ status: 1, category: 1, 'location.countryCode': 1, createdAt: -1, _id: -1 });
// `User.leads`: a client's leads, newest first.
leadSchema.index({ clientId: 1, createdAt: -1, _id: -1 });
// `leads` (admins): everything, newest first.
leadSchema.index({ createdAt: -1, _id: -1 });
// The expiry sweep: OPEN leads whose `expiresAt` passed.
leadSchema.index({ status: 1, expiresAt: 1 });

/** Where a lead takes place (or a trip goes). */
export interface PlaceRecord {
  countryCode: string;
  city: string;
  postalCode?: string | null;
  postalKey?: string | null;
}

/** A lead as read from the database (lean); nested parts typed exactly (the schema always writes them). */
export type LeadRecord = Omit<InferSchemaType<typeof leadSchema>, 'dates' | 'location' | 'destination' | 'budget' | 'contact' | 'details' | 'transitions'> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  dates: {
    kind: 'FIXED' | 'FLEXIBLE';
    startDate?: string | null;
    endDate?: string | null;
    earliestDate?: string | null;
    latestDate?: string | null;
    durationDays?: number | null;
  };
  location: PlaceRecord;
  destination?: PlaceRecord | null;
  budget: { min: number; max: number; currency: CurrencyName };
  contact: { email: string; phone: string; address: string };
  details: Array<{ key: string; value: string }>;
  transitions: Array<{ from: LeadStatusName; to: LeadStatusName; actorId: Types.ObjectId | null; reason: string; at: Date }>;
};
export type LeadModel = Model<InferSchemaType<typeof leadSchema>>;

/** The Lead model on this subgraph's connection. */
export function leadModel(connection: Connection): LeadModel {
  return (connection.models.Lead as LeadModel | undefined) ?? (connection.model('Lead', leadSchema) as unknown as LeadModel);
}
