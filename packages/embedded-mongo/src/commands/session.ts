/** Session commands. Transaction commands live in txn/commands.ts. */
import { valueKey } from '../engine/compare.ts';
import type { Handler } from './context.ts';

const endSessions: Handler = (ctx) => {
  const ids = ctx.cmd.endSessions;
  if (Array.isArray(ids))
    for (const s of ids)
      if (s?.id) {
        ctx.server.txn.end(valueKey(s.id));
        ctx.server.cursors.killSession(valueKey(s.id));
      }
  return { ok: 1 };
};

export const sessionCommands: Record<string, Handler> = {
  endSessions,
  killSessions: endSessions,
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ ok: 1 }),
  // reached only without lsid/txnNumber; SessionManager.run answers them inside a session
  commitTransaction: () => ({ ok: 1 }),
  abortTransaction: () => ({ ok: 1 }),
};
