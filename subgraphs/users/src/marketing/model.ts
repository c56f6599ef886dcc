import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/**
 * One marketing send (`sendMarketingMessage`): the admin's text, the segment, who sent it and
 * the counts. Never the recipients: who got a mail is only in the outbox until it is delivered.
 */
export const marketingCampaignSchema = new Schema(
  {
    subject: { type: String, required: true },
    body: { type: String, required: true },
    segment: {
      roles: { type: [String], required: true },
      categories: { type: [String], default: [] },
      serviceAreas: { type: [new Schema({ countryCode: String, postalPrefix: String }, { _id: false })], default: [] },
    },
    /** The admin's user id. */
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** SENDING while batches are queued, QUEUED once every batch is in the outbox. */
    status: { type: String, required: true, enum: ['SENDING', 'QUEUED'] },
    counts: {
      matched: { type: Number, default: 0 },
      queued: { type: Number, default: 0 },
      noConsent: { type: Number, default: 0 },
      restricted: { type: Number, default: 0 },
    },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'marketing_campaigns', versionKey: false },
);
// Newest first (`marketingCampaigns`) walks the default _id index backwards: no index of its own.
declarePersonalStorage(marketingCampaignSchema, {
  paths: {
    subject: { waiver: 'the campaign subject an admin wrote for many recipients; it is about no one' },
    body: { waiver: 'the campaign text an admin wrote for many recipients; it is about no one and names no recipient' },
    'segment.serviceAreas': { waiver: 'the areas a campaign targets (country and postal prefix), chosen by an admin; no one person' },
  },
});

export type MarketingCampaignRecord = InferSchemaType<typeof marketingCampaignSchema> & { _id: Types.ObjectId };
export type MarketingCampaignModel = Model<InferSchemaType<typeof marketingCampaignSchema>>;

export function marketingCampaignModel(connection: Connection): MarketingCampaignModel {
  return (
    (connection.models.MarketingCampaign as MarketingCampaignModel | undefined) ??
    (connection.model('MarketingCampaign', marketingCampaignSchema) as unknown as MarketingCampaignModel)
  );
}
