import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { ROLES } from '@leadgraph/identity';
import { declarePersonalStorage } from '@leadgraph/privacy-kit';

/** Values of `LeadCategory` (schema/users.graphql, copied from the leads subgraph), stored as written there. */
export const LEAD_CATEGORIES = ['TRAVEL', 'MOVING', 'HOME_IMPROVEMENT', 'CLEANING', 'GARDENING', 'EVENTS', 'PHOTOGRAPHY', 'TUTORING'] as const;
export type LeadCategory = (typeof LEAD_CATEGORIES)[number];

/** `ProVerificationStatus`, stored as the GraphQL names (see `services/pro-verification.ts` for the transitions). */
export const PRO_VERIFICATION_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED'] as const;
export type ProVerificationStatus = (typeof PRO_VERIFICATION_STATUSES)[number];

const serviceAreaSchema = new Schema(
  {
    countryCode: { type: String, required: true },
    postalPrefix: { type: String, default: '' },
  },
  { _id: false },
);

const verificationSchema = new Schema(
  {
    status: { type: String, required: true, enum: PRO_VERIFICATION_STATUSES },
    reason: { type: String, default: null },
    submittedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
  },
  { _id: false },
);

/** The profile text and verification of a pro, embedded in their account (read with it, in one query). */
const proProfileSchema = new Schema(
  {
    description: { type: String, default: '' },
    categories: { type: [String], enum: LEAD_CATEGORIES, default: [] },
    serviceAreas: { type: [serviceAreaSchema], default: [] },
    businessEmail: { type: String, default: null },
    businessPhone: { type: String, default: null },
    website: { type: String, default: null },
    verification: { type: verificationSchema, required: true },
    updatedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * An account. Personal data here is declared on the schema (`schema/users.graphql`,
 * `@personal`) where it is exposed; `dateOfBirth` and `passwordHash` are never exposed.
 * The gateway's session check reads `_id`, `role` (lowercase: client, pro, admin) and
 * `disabledAt` from this collection.
 */
export const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    /** Lowercase: `client`, `pro` or `admin` (as in identities). */
    role: { type: String, required: true, enum: ROLES },
    /** Normalised (`normalizeEmail`: trimmed, lowercase); unique, so a duplicate in any case is refused. */
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    /** When the address was confirmed; null until then. */
    emailVerifiedAt: { type: Date, default: null },
    /** argon2id PHC string; null for an account without a password (none yet). */
    passwordHash: { type: String, default: null },
    /** `YYYY-MM-DD`, checked 18+ at sign-up. Admins created from the command line have none. */
    dateOfBirth: { type: String, default: null },
    /** A pro's company or trading name. */
    companyName: { type: String, default: null, trim: true, maxlength: 200 },
    /** An address change waiting for confirmation (normalised). */
    pendingEmail: { type: String, default: null },
    /** Set when the account is closed or blocked: it cannot sign in and its sessions are treated as ended. */
    disabledAt: { type: Date, default: null },
    /** A pro's profile (`companyName` above is its name); absent until the pro first saves it. */
    proProfile: { type: proProfileSchema, default: undefined },
  },
  { timestamps: true, collection: 'users' },
);
// Listing by role, newest first (pros directory, admin views).
userSchema.index({ role: 1, _id: -1 });
// Sign-in lookup; decides duplicate sign-ups (also concurrent ones). Partial: an erased account has no
// address any more, and any number of them must fit (a plain unique index counts a missing email as null).
// An equality on email implies `$exists`, so lookups still use it.
userSchema.index({ email: 1 }, { unique: true, partialFilterExpression: { email: { $exists: true } } });
// Where the account's personal data is stored (the completeness check, the record of
// processing; packages/privacy-kit/README.md, "Where personal data is stored").
declarePersonalStorage(userSchema, {
  keepDocument: 'the account stays as a disabled tombstone: its id is referenced by leads, reviews and requests, and must not be reused',
  subjects: {
    _id: [
      'name', 'email', 'pendingEmail', 'companyName', 'passwordHash', 'dateOfBirth', 'proProfile.description', 'proProfile.serviceAreas',
      'proProfile.businessEmail', 'proProfile.businessPhone', 'proProfile.website', 'proProfile.verification.reason',
    ],
  },
  paths: {
    name: 'User.name',
    email: 'User.email',
    pendingEmail: 'User.email',
    companyName: 'User.companyName',
    passwordHash: { waiver: 'argon2id hash of the password (a credential): never exposed by any field, removed by the erasure' },
    dateOfBirth: { waiver: 'checked 18+ at sign-up (no minors), never exposed by any field; removed by the erasure' },
    'proProfile.description': 'ProProfile.description',
    'proProfile.serviceAreas': 'ProProfile.serviceAreas',
    'proProfile.businessEmail': 'ProProfile.businessEmail',
    'proProfile.businessPhone': 'ProProfile.businessPhone',
    'proProfile.website': 'ProProfile.website',
    'proProfile.verification.reason': 'ProVerification.reason',
  },
});
// The verification queue: one status, oldest submission first.
userSchema.index({ 'proProfile.verification.status': 1, 'proProfile.verification.submittedAt': 1, _id: 1 });

/** A user as read from the database (lean). */
export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export type UserModel = Model<InferSchemaType<typeof userSchema>>;

/** The User model on this subgraph's connection. */
export function userModel(connection: Connection): UserModel {
  return (connection.models.User as UserModel | undefined) ?? (connection.model('User', userSchema) as unknown as UserModel);
}
