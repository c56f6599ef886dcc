import { Types, type Connection } from 'mongoose';
import { eraseSubject, type ErasureResult } from '@leadgraph/privacy-kit';
import { pendingNotificationModel } from '../models/pending-notification.ts';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Contract P2 for the leads subgraph. The engine follows the declarations: the subject's leads
 * (as client) keep their shape with the client's values removed (pros' responses and threads
 * hang off them), their responses (as pro) and the messages they sent are anonymized, and the
 * other party's messages are untouched. Service mails still waiting to be handed to the users
 * subgraph for the subject are dropped (they would go to an erased account).
 */
export async function eraseLeadsSubject(connection: Connection, subjectId: string, now: Date): Promise<ErasureResult> {
  const pending = await pendingNotificationModel(connection).deleteMany({ recipientId: new Types.ObjectId(subjectId) });
  const result = await eraseSubject({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, subjectId, now });
  if (pending.deletedCount === 0) return result;
  const collections = [...result.collections, { collection: 'pending_notifications', deleted: pending.deletedCount, anonymized: 0, held: 0 }];
  return { ...result, collections: collections.sort((a, b) => a.collection.localeCompare(b.collection)) };
}
