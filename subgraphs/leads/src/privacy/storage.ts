import type { Schema } from 'mongoose';
import { readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { readSubgraphSdl } from '@leadgraph/service-kit';
import { disputeSchema } from '../models/dispute.ts';
import { leadSchema } from '../models/lead.ts';
import { messageSchema } from '../models/message.ts';
import { responseSchema } from '../models/response.ts';

/**
 * The leads database's collections that hold personal data, with their storage declarations
 * (`declarePersonalStorage` next to each schema): a lead is its client's, a response its pro's,
 * a message its sender's. A new model with personal data is added here.
 */
export const PERSONAL_SCHEMAS: readonly Schema[] = [leadSchema, responseSchema, messageSchema, disputeSchema];

/** This subgraph's own `@personal` declarations (its SDL), which decide each value's erasure and retention. */
export const personalDeclarations = readPersonalDeclarations(readSubgraphSdl(new URL('../../../../schema/leads.graphql', import.meta.url)));
