import type { MessageResolvers } from '../__generated__/resolvers-types.ts';

export const Message: MessageResolvers = {
  id: (message) => message._id.toHexString(),
  threadId: (message) => message.threadId.toHexString(),
  clientId: (message) => message.clientId.toHexString(),
  proId: (message) => message.proId.toHexString(),
  /** A reference the gateway completes from the users subgraph. */
  sender: (message) => ({ id: message.senderId.toHexString() }),
};
