/**
 * The fixed vocabulary of the personal-data link spec (`personal.graphql`): data categories
 * (after fideslang's `user.*` taxonomy), purposes, legal bases, masks and erasure strategies.
 * The enums in the SDL and these tables must agree; `taxonomy.test.ts` checks that they do.
 */

export const MASK_STRATEGIES = [
  'EMAIL',
  'PHONE',
  'ADDRESS_TO_CITY',
  'NAME_INITIAL',
  'LAST4',
  'REDACT',
  'NULL',
  'NONE',
] as const;
export type MaskStrategy = (typeof MASK_STRATEGIES)[number];

export const LEGAL_BASES = ['CONTRACT', 'LEGITIMATE_INTERESTS', 'CONSENT', 'LEGAL_OBLIGATION'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const ERASURE_STRATEGIES = ['DELETE', 'ANONYMIZE', 'LEGAL_HOLD'] as const;
export type ErasureStrategy = (typeof ERASURE_STRATEGIES)[number];

export interface CategoryInfo {
  /** The fideslang-style dotted key, e.g. `user.contact.email`. */
  key: string;
  description: string;
  /** The mask to pick unless the field has a reason to differ. */
  defaultMask: MaskStrategy;
  /** Suggested longest retention (ISO-8601 duration); null: while the account is active. */
  defaultRetention: string | null;
}

export const CATEGORIES = {
  USER_NAME: { key: 'user.name', description: "A person's name.", defaultMask: 'NAME_INITIAL', defaultRetention: null },
  USER_CONTACT_EMAIL: { key: 'user.contact.email', description: 'An email address.', defaultMask: 'EMAIL', defaultRetention: null },
  USER_CONTACT_PHONE: { key: 'user.contact.phone', description: 'A phone number.', defaultMask: 'PHONE', defaultRetention: null },
  USER_CONTACT_ADDRESS: {
    key: 'user.contact.address',
    description: 'A postal address.',
    defaultMask: 'ADDRESS_TO_CITY',
    defaultRetention: null,
  },
  USER_LOCATION: {
    key: 'user.location',
    description: "Where a service or trip happens (a lead's location).",
    defaultMask: 'ADDRESS_TO_CITY',
    defaultRetention: null,
  },
  USER_WORKPLACE: {
    key: 'user.workplace',
    description: 'Company name, trade and business details of a person.',
    defaultMask: 'REDACT',
    defaultRetention: null,
  },
  USER_FINANCIAL_BANK_ACCOUNT: {
    key: 'user.financial.bank_account',
    description: 'A bank account number or IBAN (payouts).',
    defaultMask: 'LAST4',
    defaultRetention: 'P6Y',
  },
  USER_FINANCIAL: {
    key: 'user.financial',
    description: 'Billing details other than a bank account.',
    defaultMask: 'REDACT',
    defaultRetention: 'P6Y',
  },
  USER_DEVICE_IP_ADDRESS: {
    key: 'user.device.ip_address',
    description: 'An IP address (security and measurement).',
    defaultMask: 'NULL',
    defaultRetention: 'P12M',
  },
  USER_DEVICE: { key: 'user.device', description: 'Device and browser details.', defaultMask: 'NULL', defaultRetention: 'P12M' },
  USER_BEHAVIOR_BROWSING_HISTORY: {
    key: 'user.behavior.browsing_history',
    description: 'Pages viewed, with timestamps.',
    defaultMask: 'NULL',
    defaultRetention: 'P12M',
  },
  USER_CONTENT_PRIVATE: {
    key: 'user.content.private',
    description: 'What a person wrote for a few readers: messages, lead details.',
    defaultMask: 'REDACT',
    defaultRetention: null,
  },
  USER_CONTENT_PUBLIC: {
    key: 'user.content.public',
    description: "What a person published for everyone: reviews, a pro's profile.",
    defaultMask: 'NONE',
    defaultRetention: null,
  },
  USER_DEMOGRAPHIC_DATE_OF_BIRTH: {
    key: 'user.demographic.date_of_birth',
    description: 'A date of birth.',
    defaultMask: 'NULL',
    defaultRetention: null,
  },
  USER_AUTHORIZATION_CREDENTIALS: {
    key: 'user.authorization.credentials',
    description: 'Password hashes and other secrets.',
    defaultMask: 'NULL',
    defaultRetention: null,
  },
  USER_PRIVACY_PREFERENCES: {
    key: 'user.privacy_preferences',
    description: 'Consent choices (cookies, marketing).',
    defaultMask: 'NULL',
    defaultRetention: null,
  },
} as const satisfies Record<string, CategoryInfo>;

export type PersonalDataCategory = keyof typeof CATEGORIES;
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as PersonalDataCategory[];

export const PURPOSES = {
  ACCOUNT_MANAGEMENT: 'Create and manage the account.',
  SERVICE_DELIVERY: 'Let clients post leads and pros respond; the contact flow between them.',
  SERVICE_MESSAGES: 'Service messages: lead created, new response, password reset.',
  PAYMENTS: 'Payments and payouts.',
  SUPPORT: 'Customer support and dispute resolution.',
  QUALITY_CONTROL: 'Quality control of interactions between clients and pros.',
  SECURITY: 'Secure the platform and prevent abuse.',
  ANALYTICS: 'Measure and improve the platform (with consent).',
  MARKETING: 'Marketing communications (with consent).',
  LEGAL_COMPLIANCE: 'Records the law requires.',
} as const satisfies Record<string, string>;

export type ProcessingPurpose = keyof typeof PURPOSES;
export const PURPOSE_NAMES = Object.keys(PURPOSES) as ProcessingPurpose[];

export const LEGAL_BASIS_DESCRIPTIONS: Record<LegalBasis, string> = {
  CONTRACT: 'Art. 6(1)(b): necessary to provide the platform to the data subject.',
  LEGITIMATE_INTERESTS: 'Art. 6(1)(f): to run, protect and improve the service and prevent abuse.',
  CONSENT: 'Art. 6(1)(a): the data subject agreed (non-essential cookies, analytics, marketing).',
  LEGAL_OBLIGATION: 'Art. 6(1)(c): records the law requires.',
};

/** Whether `value` is a category of the taxonomy (an enum name such as `USER_CONTACT_EMAIL`). */
export function isCategory(value: string): value is PersonalDataCategory {
  return Object.hasOwn(CATEGORIES, value);
}

export function isPurpose(value: string): value is ProcessingPurpose {
  return Object.hasOwn(PURPOSES, value);
}

export function isMaskStrategy(value: string): value is MaskStrategy {
  return (MASK_STRATEGIES as readonly string[]).includes(value);
}

export function isLegalBasis(value: string): value is LegalBasis {
  return (LEGAL_BASES as readonly string[]).includes(value);
}

export function isErasureStrategy(value: string): value is ErasureStrategy {
  return (ERASURE_STRATEGIES as readonly string[]).includes(value);
}
