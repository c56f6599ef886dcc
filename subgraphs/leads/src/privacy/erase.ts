import { Types, type Connection } from 'mongoose';
import { eraseSubject, type ErasureResult } from '@leadgraph/privacy-kit';
import { assertTransition, transitionUpdate } from '../lifecycle/transitions.ts';
import { leadModel } from '../models/lead.ts';
import { pendingNotificationModel } from '../models/pending-notification.ts';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Contract P2 for the leads subgraph. The engine follows the declarations: the subject's leads
 * (as client) keep their shape with the client's values removed (pros' responses and threads
 * hang off them), their responses (as pro) and the messages they sent are anonymized, and the
 * other party's messages are untouched. The client's leads still OPEN or HIRED are CLOSED first
 * (a move the lifecycle table allows the client, made on their behalf and audited), so no pro is
 * matched to a blanked lead. Service mails still waiting to be handed to the users subgraph for
 * the subject are dropped (they would go to an erased account).
 */
export async function eraseLeadsSubject(connection: Connection, subjectId: string, now: Date): Promise<ErasureResult> {
  const clientId = new Types.ObjectId(subjectId);
  const Lead = leadModel(connection);
  for (const from of ['OPEN', 'HIRED'] as const) {
    assertTransition(from, 'CLOSED', 'client');
    const { filter, update } = transitionUpdate(from, 'CLOSED', { actorId: clientId, reason: "the client's personal data was erased", at: now });
    await Lead.updateMany({ ...filter, clientId }, update);
  }
  const pending = await pendingNotificationModel(connection).deleteMany({ recipientId: clientId });
  const result = await eraseSubject({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, subjectId, now });
  if (pending.deletedCount === 0) return result;
  const collections = [...result.collections, { collection: 'pending_notifications', deleted: pending.deletedCount, anonymized: 0, held: 0 }];
  return { ...result, collections: collections.sort((a, b) => a.collection.localeCompare(b.collection)) };
}
