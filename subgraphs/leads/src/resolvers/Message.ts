import type { MessageRecord } from '../models/message.ts';

export const Message = {
  id: (message: MessageRecord) => message._id.toHexString(),
  threadId: (message: MessageRecord) => message.threadId.toHexString(),
  clientId: (message: MessageRecord) => message.clientId.toHexString(),
  proId: (message: MessageRecord) => message.proId.toHexString(),
  /** A reference the gateway completes from the users subgraph. */
  sender: (message: MessageRecord) => ({ id: message.senderId.toHexString() }),
};
