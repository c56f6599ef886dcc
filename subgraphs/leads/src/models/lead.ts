import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

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

/** A lead: a client's request for a trip or a service. */
export const leadSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, maxlength: 200 },
    category: { type: String, required: true, enum: LEAD_CATEGORIES },
    /** The client (a user in the users subgraph) who posted it. */
    clientId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'leads' },
);
// `User.leads`: a client's leads, newest first.
leadSchema.index({ clientId: 1, _id: -1 });
// Browsing leads by category, newest first (what pros do).
leadSchema.index({ category: 1, _id: -1 });

/** A lead as read from the database (lean). */
export type LeadRecord = InferSchemaType<typeof leadSchema> & { _id: Types.ObjectId };
export type LeadModel = Model<InferSchemaType<typeof leadSchema>>;

/** The Lead model on this subgraph's connection. */
export function leadModel(connection: Connection): LeadModel {
  return (connection.models.Lead as LeadModel | undefined) ?? connection.model('Lead', leadSchema);
}
