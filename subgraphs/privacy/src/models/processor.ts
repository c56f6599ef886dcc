import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

export const TRANSFER_SAFEGUARDS = ['NO_TRANSFER', 'ADEQUACY', 'SCCS', 'BCRS'] as const;
export type TransferSafeguard = (typeof TRANSFER_SAFEGUARDS)[number];

/** A processor (GDPR Art. 28) in the register of processors and transfers. */
export const processorSchema = new Schema(
  {
    name: { type: String, required: true, unique: true },
    purpose: { type: String, required: true },
    dataCategories: { type: [String], required: true },
    country: { type: String, required: true },
    safeguard: { type: String, required: true, enum: TRANSFER_SAFEGUARDS },
  },
  { collection: 'processors', versionKey: false, timestamps: true },
);
declarePersonalStorage(processorSchema, {
  paths: { name: { waiver: "a service provider's company name in the register of processors: not a data subject" } },
});

export type ProcessorRecord = InferSchemaType<typeof processorSchema> & { _id: Types.ObjectId; safeguard: TransferSafeguard };
export type ProcessorModel = Model<InferSchemaType<typeof processorSchema>>;

export function processorModel(connection: Connection): ProcessorModel {
  return (connection.models.Processor as ProcessorModel | undefined) ?? (connection.model('Processor', processorSchema) as unknown as ProcessorModel);
}
