import { LEAD_CATEGORIES, type LeadCategory, type ProVerificationStatus } from '../models/user.ts';
import { LAST_NAMES, TRADES, pick } from './words.ts';

/**
 * Where seeded pros work: five countries and postal prefixes that each match some postal codes
 * of the leads seed (`SEED_PLACES` in `@leadgraph/subgraph-leads/seed`: London, Manchester,
 * Edinburgh, Paris, Lyon, Bordeaux, Berlin, München, Hamburg, Amsterdam, Rotterdam, Utrecht,
 * Madrid, Barcelona, Sevilla), so seeded leads find seeded pros.
 */
export const SEED_AREAS: Readonly<Record<string, readonly string[]>> = {
  GB: ['SW1', 'SW1A', 'E1', 'N1', 'M1', 'M4', 'EH1', 'EH3'],
  FR: ['75', '750', '69', '690', '33'],
  DE: ['10', '101', '80', '803', '20', '22'],
  NL: ['1012', '1015', '1017', '30', '301', '35'],
  ES: ['28', '280', '08', '080', '41'],
};
export const SEED_COUNTRIES = Object.keys(SEED_AREAS);

/** The embedded profile as stored on the user document. */
export interface ProProfileSeed {
  description: string;
  categories: LeadCategory[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
  businessEmail: string | null;
  businessPhone: string | null;
  website: string | null;
  verification: {
    status: ProVerificationStatus;
    reason: string | null;
    submittedAt: Date;
    decidedAt: Date | null;
    decidedBy: string | null;
  };
  updatedAt: Date;
}

export interface ProProfileSeedOptions {
  status?: ProVerificationStatus;
  categories?: LeadCategory[];
  serviceAreas?: Array<{ countryCode: string; postalPrefix: string }>;
  submittedAt?: Date;
  /** The admin recorded as deciding (VERIFIED / REJECTED). */
  decidedBy?: string;
  businessEmail?: string | null;
  businessPhone?: string | null;
  website?: string | null;
  description?: string;
}

const REJECTION_REASONS = [
  'The company registration number does not match the trading name.',
  'Please add proof of insurance for home improvement work.',
  'The description advertises services outside the chosen categories.',
];

function some<T>(items: readonly T[], max: number, random: () => number): T[] {
  const count = 1 + Math.floor(random() * max);
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items, random));
  return [...chosen];
}

/** A plausible trading name for a seeded pro. */
export function fakeCompanyName(random: () => number = Math.random): string {
  return `${pick(LAST_NAMES, random)} ${pick(TRADES, random)}`;
}

/**
 * A pro profile as stored: 1–3 categories, 1–4 areas in one country (a third of them the
 * whole country), a status (default VERIFIED) with its dates. Pure: `random` decides.
 */
export function fakeProProfile(options: ProProfileSeedOptions = {}, random: () => number = Math.random): ProProfileSeed {
  const status = options.status ?? 'VERIFIED';
  const submittedAt = options.submittedAt ?? new Date();
  const country = pick(SEED_COUNTRIES, random);
  const areas =
    options.serviceAreas ??
    some(SEED_AREAS[country] ?? [], 4, random).map((prefix) => ({ countryCode: country, postalPrefix: random() < 0.33 ? '' : prefix }));
  const uniqueAreas = [...new Map(areas.map((a) => [`${a.countryCode}:${a.postalPrefix}`, a])).values()];
  const decided = status !== 'PENDING';
  return {
    description: options.description ?? 'Reliable, insured and on time. Free quotes within 48 hours.',
    categories: options.categories ?? some(LEAD_CATEGORIES, 3, random),
    serviceAreas: uniqueAreas,
    businessEmail: options.businessEmail === undefined ? null : options.businessEmail,
    businessPhone: options.businessPhone === undefined ? null : options.businessPhone,
    website: options.website === undefined ? null : options.website,
    verification: {
      status,
      reason: status === 'REJECTED' ? pick(REJECTION_REASONS, random) : null,
      submittedAt,
      decidedAt: decided ? new Date(submittedAt.getTime() + 3_600_000) : null,
      decidedBy: decided ? (options.decidedBy ?? null) : null,
    },
    updatedAt: submittedAt,
  };
}
