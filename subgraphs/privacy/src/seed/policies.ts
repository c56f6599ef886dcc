import { readFileSync } from 'node:fs';
import type { PolicyKind, PolicyVersionModel } from '../models/policy-version.ts';

/** The first published versions, adapted from the policies in /work/shared/seeds (see the seeds README). */
const FIRST_VERSIONS: Record<PolicyKind, { file: string; summary: string }> = {
  PRIVACY: { file: 'privacy-policy.md', summary: 'First version of the privacy policy.' },
  COOKIE: { file: 'cookie-policy.md', summary: 'First version of the cookie policy.' },
};

/** The date the seeded policies carry ("Last updated: 11 May 2026"). */
export const SEED_POLICY_DATE = new Date('2026-05-11T00:00:00.000Z');

/** The text of a seeded policy, read from this module's directory. */
export function seedPolicyText(kind: PolicyKind): string {
  return readFileSync(new URL(`./policies/${FIRST_VERSIONS[kind].file}`, import.meta.url), 'utf8');
}

/**
 * Version 1 of each policy when none exists (at startup: idempotent, safe with several
 * instances thanks to the unique (kind, version) index). Returns how many were inserted.
 */
export async function ensureSeedPolicies(model: PolicyVersionModel): Promise<number> {
  let inserted = 0;
  for (const kind of Object.keys(FIRST_VERSIONS) as PolicyKind[]) {
    const result = await model.updateOne(
      { kind, version: 1 },
      {
        $setOnInsert: {
          kind,
          version: 1,
          text: seedPolicyText(kind),
          summary: FIRST_VERSIONS[kind].summary,
          publishedAt: SEED_POLICY_DATE,
          effectiveAt: SEED_POLICY_DATE,
        },
      },
      { upsert: true },
    );
    inserted += result.upsertedCount;
  }
  return inserted;
}
