import { Types } from 'mongoose';
import type { Identity } from '@leadgraph/identity';
import type { ActorRole } from '../models/data-subject-request.ts';

/** Who made a transition, as audited. */
export interface Actor {
  id: Types.ObjectId | null;
  role: ActorRole;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, role: 'SYSTEM' });

/** The actor of a signed-in identity. */
export function actorOf(identity: Identity): Actor {
  const role: ActorRole = identity.role === 'admin' ? 'ADMIN' : identity.role === 'pro' ? 'PRO' : 'CLIENT';
  return { id: identity.userId !== null && Types.ObjectId.isValid(identity.userId) ? new Types.ObjectId(identity.userId) : null, role };
}
