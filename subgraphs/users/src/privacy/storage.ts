import type { Schema } from 'mongoose';
import { readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { readSubgraphSdl } from '@leadgraph/service-kit';
import { apiKeySchema } from '../api-keys/model.ts';
import { proImageSchema } from '../models/pro-image.ts';
import { payoutAccountSchema, payoutSchema } from '../payouts/model.ts';
import { userSchema } from '../models/user.ts';

/**
 * The users database's collections that hold personal data, with their storage declarations
 * (`declarePersonalStorage` next to each schema): what the erasure engine and the retention
 * runner work through. A new model with personal data is added here.
 */
export const PERSONAL_SCHEMAS: readonly Schema[] = [userSchema, proImageSchema, apiKeySchema, payoutAccountSchema, payoutSchema];

/** This subgraph's own `@personal` declarations (its SDL), which decide each value's erasure and retention. */
export const personalDeclarations = readPersonalDeclarations(readSubgraphSdl(new URL('../../../../schema/users.graphql', import.meta.url)));
