import type { Schema } from 'mongoose';
import { readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { readSubgraphSdl } from '@leadgraph/service-kit';
import { consentRecordSchema } from '../models/consent-record.ts';
import { dataSubjectRequestSchema } from '../models/data-subject-request.ts';
import { minorFlagSchema } from '../models/minor-flag.ts';
import { technicalEventSchema } from '../models/technical-event.ts';

/**
 * The privacy database's collections that hold personal data: consent history, technical data,
 * minor flags, and the data-subject requests (a legal obligation record: their details are kept
 * under LEGAL_HOLD for `legalHoldFor`, then the retention job deletes them).
 */
export const PERSONAL_SCHEMAS: readonly Schema[] = [consentRecordSchema, technicalEventSchema, minorFlagSchema, dataSubjectRequestSchema];

/** This subgraph's own `@personal` declarations (its SDL), which decide each value's erasure and retention. */
export const personalDeclarations = readPersonalDeclarations(readSubgraphSdl(new URL('../../../../schema/privacy.graphql', import.meta.url)));
