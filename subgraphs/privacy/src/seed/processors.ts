import type { ProcessorModel } from '../models/processor.ts';

/** The processors the platform relies on, as the privacy policy describes them (hosting, email, payments). */
export const SEED_PROCESSORS = [
  {
    name: 'Cloud hosting provider (EU region)',
    purpose: 'Hosts the platform and its databases; stores every category of data on our behalf.',
    dataCategories: ['user.name', 'user.contact.email', 'user.content.private', 'user.content.public', 'user.device.ip_address', 'user.device'],
    country: 'IE',
    safeguard: 'NO_TRANSFER',
  },
  {
    name: 'Email delivery provider',
    purpose: 'Delivers service messages (lead created, new response, password reset, request updates).',
    dataCategories: ['user.name', 'user.contact.email'],
    country: 'US',
    safeguard: 'SCCS',
  },
  {
    name: 'Payment processor',
    purpose: 'Processes payouts to pros and payments.',
    dataCategories: ['user.name', 'user.financial', 'user.financial.bank_account'],
    country: 'GB',
    safeguard: 'ADEQUACY',
  },
] as const;

/** Fills an empty register with the seed processors (at startup; idempotent). Returns how many were inserted. */
export async function ensureSeedProcessors(model: ProcessorModel): Promise<number> {
  let inserted = 0;
  for (const processor of SEED_PROCESSORS) {
    try {
      const result = await model.updateOne({ name: processor.name }, { $setOnInsert: { ...processor, dataCategories: [...processor.dataCategories] } }, { upsert: true });
      inserted += result.upsertedCount;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  return inserted;
}
