import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const TECHNICAL_EVENT_KINDS = ['PAGE_VIEW', 'SECURITY'] as const;
export type TechnicalEventKind = (typeof TECHNICAL_EVENT_KINDS)[number];

/** Technical data is kept at most 12 months (privacy policy), then deleted. */
export const TECHNICAL_DATA_RETENTION_MONTHS = 12;

/**
 * A page view or a security event. `expiresAt` (occurredAt + 12 months) carries a TTL index,
 * so MongoDB deletes the record even if the retention job never ran; the retention job deletes
 * the same set on its schedule and counts it.
 */
export const technicalEventSchema = new Schema(
  {
    kind: { type: String, required: true, enum: TECHNICAL_EVENT_KINDS },
    userId: { type: Schema.Types.ObjectId, default: null },
    visitorId: { type: String, default: null },
    securityEvent: { type: String, default: null },
    ipAddress: { type: String, default: null },
    device: { type: String, default: null },
    browser: { type: String, default: null },
    page: { type: String, default: null },
    referrer: { type: String, default: null },
    occurredAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'technical_events', versionKey: false },
);
declarePersonalStorage(technicalEventSchema, {
  // Visitors' events (no userId) have no subject to erase: the retention deletes them after 12 months.
  subjects: { userId: ['ipAddress', 'device', 'browser', 'page', 'referrer'] },
  datedBy: 'occurredAt',
  paths: {
    ipAddress: 'TechnicalEvent.ipAddress',
    device: 'TechnicalEvent.device',
    browser: 'TechnicalEvent.browser',
    page: 'TechnicalEvent.page',
    referrer: 'TechnicalEvent.referrer',
  },
});
technicalEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
technicalEventSchema.index({ userId: 1, _id: -1 });

export type TechnicalEventRecord = InferSchemaType<typeof technicalEventSchema> & { _id: Types.ObjectId; kind: TechnicalEventKind };
export type TechnicalEventModel = Model<InferSchemaType<typeof technicalEventSchema>>;

export function technicalEventModel(connection: Connection): TechnicalEventModel {
  return (connection.models.TechnicalEvent as TechnicalEventModel | undefined) ?? (connection.model('TechnicalEvent', technicalEventSchema) as unknown as TechnicalEventModel);
}
