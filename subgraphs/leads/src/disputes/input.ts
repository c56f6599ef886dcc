import { z } from 'zod';
import { DISPUTE_CATEGORIES, DISPUTE_OUTCOMES, DISPUTE_PARTIES } from '../models/dispute.ts';

/** Bounds of a dispute's texts. */
export const DISPUTE_TEXT = { reasonMin: 10, max: 2000 } as const;

const text = (min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(DISPUTE_TEXT.max, `must be at most ${DISPUTE_TEXT.max} characters`);

/** An optional note: blank counts as none. */
export const noteSchema = z
  .string()
  .trim()
  .max(DISPUTE_TEXT.max, `must be at most ${DISPUTE_TEXT.max} characters`)
  .nullish()
  .transform((note) => (note == null || note === '' ? null : note));

export const openDisputeInput = z.object({
  leadId: z.string(),
  responseId: z.string().nullish(),
  category: z.enum(DISPUTE_CATEGORIES),
  reason: text(DISPUTE_TEXT.reasonMin),
});

export const askPartiesInput = z.object({
  disputeId: z.string(),
  question: text(),
  parties: z
    .array(z.enum(DISPUTE_PARTIES))
    .min(1, 'must name at least one party')
    .nullish()
    .transform((parties) => [...new Set(parties ?? DISPUTE_PARTIES)].sort()),
});

export const answerInput = z.object({ disputeId: z.string(), body: text() });

export const resolveInput = z.object({ disputeId: z.string(), outcome: z.enum(DISPUTE_OUTCOMES), resolutionNote: text() });

export const rejectInput = z.object({ disputeId: z.string(), resolutionNote: text() });
