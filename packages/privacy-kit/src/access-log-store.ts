import mongoose, { type Connection, type Model } from 'mongoose';
import type { AccessLogEntry, AccessLogStore } from './access-log.ts';
import { declarePersonalStorage } from './storage.ts';

/** Default collection of the access log, in the database of the service that writes it. */
export const ACCESS_LOG_COLLECTION = 'privacy_access_log';

const MODEL_NAME = 'PrivacyAccessLogEntry';

export const accessLogSchema = new mongoose.Schema<AccessLogEntry>(
  {
    actorId: { type: String, default: null },
    actorRole: { type: String, default: null },
    subjectIds: { type: [String], required: true },
    fields: { type: [String], required: true },
    reason: { type: String, required: true },
    adminReason: { type: String, default: null },
    requestId: { type: String, default: null },
    at: { type: Date, required: true },
  },
  // Never wait for a connection: a batch that cannot be written fails fast and stays buffered.
  { collection: ACCESS_LOG_COLLECTION, versionKey: false, bufferCommands: false, strict: 'throw' },
);
declarePersonalStorage(accessLogSchema, {
  paths: {
    reason: { waiver: 'one of the fixed access reasons (SUBJECT, ADMIN_WITH_REASON, ...), never free text' },
    adminReason: {
      waiver: "an admin's stated reason (a ticket or request id): an accountability record of who looked, kept with the entry, never exposed by a field",
    },
  },
});
// "Who read my data?" (right of access) and "what did this actor read?" are both one index scan.
accessLogSchema.index({ subjectIds: 1, at: -1 });
accessLogSchema.index({ actorId: 1, at: -1 });

/** The access-log model on `connection` (created once per connection and collection). */
export function accessLogModel(connection: Connection, collection = ACCESS_LOG_COLLECTION): Model<AccessLogEntry> {
  const name = collection === ACCESS_LOG_COLLECTION ? MODEL_NAME : `${MODEL_NAME}_${collection}`;
  const existing = connection.models[name] as Model<AccessLogEntry> | undefined;
  return existing ?? connection.model<AccessLogEntry>(name, accessLogSchema, collection);
}

/** An access-log store writing each batch with one unordered `insertMany`. */
export function mongoAccessLogStore(connection: Connection, collection = ACCESS_LOG_COLLECTION): AccessLogStore {
  const model = accessLogModel(connection, collection);
  return {
    async insertMany(entries) {
      await model.insertMany(entries, { ordered: false, lean: true });
    },
  };
}
