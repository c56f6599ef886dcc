import type { Logger } from '@leadgraph/logging';
import type { ServiceClient } from '@leadgraph/service-kit';
import type { DsrStatus, NotificationOutcome } from '../models/data-subject-request.ts';

export interface RequestUpdate {
  recipientId: string;
  requestId: string;
  status: DsrStatus;
  /** The same key never sends a second mail (users subgraph, contract C2). */
  dedupeKey: string;
}

/** Tells the requester that their request moved; says whether the mail was queued. */
export type RequestNotifier = (update: RequestUpdate) => Promise<NotificationOutcome>;

const SEND = /* GraphQL */ `
  mutation SendRequestUpdate($input: ServiceMessageInput!) {
    sendServiceMessage(input: $input)
  }
`;

/**
 * The requester is mailed through the users subgraph (contract C2: `sendServiceMessage`, kind
 * REQUEST_UPDATE): the address never leaves it. A failed call does not undo the transition —
 * the audit entry records FAILED so an admin can see the requester was not told.
 */
export function serviceMessageNotifier(client: ServiceClient, logger: Logger): RequestNotifier {
  return async (update) => {
    try {
      const data = await client.query<{ sendServiceMessage: boolean }>('users', SEND, {
        input: {
          recipientId: update.recipientId,
          kind: 'REQUEST_UPDATE',
          requestId: update.requestId,
          requestStatus: update.status,
          dedupeKey: update.dedupeKey,
        },
      });
      return data.sendServiceMessage ? 'QUEUED' : 'NO_ACCOUNT';
    } catch {
      logger.warn({ event: 'dsr.notification_failed', status: update.status }, 'request update mail not queued');
      return 'FAILED';
    }
  };
}
