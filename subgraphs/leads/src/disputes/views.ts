import type { Types } from 'mongoose';
import type { DisputeEntryRecord, DisputeTransitionRecord } from '../models/dispute.ts';

/** The parties' ids, attached to each nested record so privacy-kit knows whose texts they are. */
interface Parties {
  clientId: Types.ObjectId;
  proId: Types.ObjectId;
}

/** One audit record of a dispute, as the `DisputeTransition` resolvers receive it. */
export type DisputeTransitionView = DisputeTransitionRecord & Parties;

/** One question or answer, as the `DisputeEntry` resolvers receive it. */
export type DisputeEntryView = DisputeEntryRecord & Parties;
