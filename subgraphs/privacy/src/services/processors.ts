import { parseObjectId } from '@leadgraph/db';
import { z } from 'zod';
import { PrivacyError, PrivacyErrorCode, invalidInput, notFound } from '../errors.ts';
import { TRANSFER_SAFEGUARDS, type ProcessorModel, type ProcessorRecord } from '../models/processor.ts';

/** Said as data, everywhere the register is shown: the privacy policy's promise. */
export const NOT_SOLD_STATEMENT = 'We do not sell your personal data. Processors receive it only to perform their task on our behalf and may not use it for anything else.';

export async function processorRegister(model: ProcessorModel) {
  const processors = await model.find({}).sort({ name: 1, _id: 1 }).lean<ProcessorRecord[]>();
  return { processors, personalDataSold: false as const, statement: NOT_SOLD_STATEMENT };
}

export const processorInput = z.object({
  name: z.string().trim().min(1).max(120),
  purpose: z.string().trim().min(1).max(500),
  dataCategories: z.array(z.string().regex(/^user(\.[a-z_]+)+$/)).min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/),
  safeguard: z.enum(TRANSFER_SAFEGUARDS),
});

function parse(input: unknown) {
  const parsed = processorInput.safeParse(input);
  if (!parsed.success) throw invalidInput('name 1–120, purpose 1–500, 1–20 categories like user.contact.email, country ISO alpha-2 upper case');
  return parsed.data;
}

function nameTaken(error: unknown): never {
  if ((error as { code?: number }).code === 11000) throw new PrivacyError(PrivacyErrorCode.ProcessorNameTaken, 'Another processor has this name');
  throw error;
}

export async function addProcessor(model: ProcessorModel, input: unknown): Promise<ProcessorRecord> {
  const data = parse(input);
  try {
    return (await model.create(data)).toObject() as ProcessorRecord;
  } catch (error) {
    return nameTaken(error);
  }
}

export async function updateProcessor(model: ProcessorModel, id: string, input: unknown): Promise<ProcessorRecord> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid processor id');
  const data = parse(input);
  try {
    const updated = await model.findByIdAndUpdate(objectId, { $set: data }, { returnDocument: 'after' }).lean<ProcessorRecord>();
    if (updated === null) throw notFound('Processor');
    return updated;
  } catch (error) {
    return nameTaken(error);
  }
}

export async function removeProcessor(model: ProcessorModel, id: string): Promise<boolean> {
  const objectId = parseObjectId(id);
  if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid processor id');
  const { deletedCount } = await model.deleteOne({ _id: objectId });
  if (deletedCount === 0) throw notFound('Processor');
  return true;
}
