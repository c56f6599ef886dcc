import type { ConsentRecordModel } from '../models/consent-record.ts';
import { allPurposeStates, consentModeSignals, latestRecords } from './consent-state.ts';
import type { ConsentSubject } from './consent-subject.ts';

/** The caller's consent now, with Consent Mode v2 signals; defaults when there is no subject. */
export async function myConsent(model: ConsentRecordModel, subject: ConsentSubject | null, gpc: boolean) {
  const latest = subject === null ? new Map() : await latestRecords(model, subject);
  const purposes = allPurposeStates(latest);
  return { purposes, consentMode: consentModeSignals(purposes), gpcSignal: gpc, decided: latest.size > 0 };
}
