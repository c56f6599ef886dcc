import { parseObjectId } from '@leadgraph/db';
import type { Logger } from '@leadgraph/logging';
import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel } from '../models/user.ts';
import { accountFingerprint, accountLast4 } from './fingerprint.ts';
import { CURRENCIES, type PayoutAccountModel, type PayoutAccountRecord, type PayoutModel, type PayoutRecord } from './model.ts';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
const calendarDate = z.string().refine((value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
});

export const recordPayoutInput = z.object({
  proId: z.string(),
  amount: z.number().int().min(1).max(100_000_000),
  currency: z.enum(CURRENCIES),
  paidOn: calendarDate,
  reference: z.string().trim().max(140).nullish(),
});

export interface RecordPayoutDeps {
  User: UserModel;
  PayoutAccount: PayoutAccountModel;
  Payout: PayoutModel;
  fingerprintKey: Buffer;
  logger: Logger;
}

/**
 * Records a payout an admin made elsewhere (no money moves here), with a snapshot of the pro's
 * payout account now: kind, country, holder, last 4 characters and a keyed fingerprint, never
 * the full number. The record is the audit (who, when); the log has ids only.
 */
export async function recordPayout(deps: RecordPayoutDeps, adminId: string, input: unknown, now = new Date()): Promise<PayoutRecord> {
  const parsed = recordPayoutInput.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => ['input', ...issue.path].join('.')))];
    throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ${fields.join(', ')}`, fields[0]);
  }
  const { amount, currency, paidOn, reference } = parsed.data;
  if (paidOn > now.toISOString().slice(0, 10)) throw new UsersError(UsersErrorCode.InvalidInput, 'Invalid value for: input.paidOn (in the future)', 'input.paidOn');
  const proId = parseObjectId(parsed.data.proId);
  const pro = proId === null ? null : await deps.User.exists({ _id: proId, role: 'pro' });
  if (proId === null || pro === null) throw new UsersError(UsersErrorCode.InvalidInput, 'Invalid value for: input.proId (no such pro)', 'input.proId');
  const account = await deps.PayoutAccount.findOne({ proId }).lean<PayoutAccountRecord>();
  if (account === null) throw new UsersError(UsersErrorCode.NoPayoutAccount, 'This pro has no payout account', 'input.proId');
  const [created] = await deps.Payout.create([
    {
      proId,
      amount,
      currency,
      paidOn,
      reference: reference === undefined || reference === null || reference === '' ? null : reference,
      account: {
        kind: account.kind,
        country: account.country,
        holderName: account.holderName,
        last4: accountLast4(account),
        fingerprint: accountFingerprint(deps.fingerprintKey, account),
      },
      recordedAt: now,
      recordedBy: adminId,
    },
  ]);
  const record = created!.toObject() as PayoutRecord;
  deps.logger.info({ event: 'payout.recorded', payoutId: record._id.toHexString(), proId: proId.toHexString(), adminId }, 'payout recorded');
  return record;
}
