/** Command table and dispatch: name lookup, error mapping, durability before the reply. */
import type { Document } from 'bson';
import { err, toServerError } from '../errors.ts';
import { adminCommands } from './admin.ts';
import type { CommandContext, ConnectionInfo, Handler, ServerState } from './context.ts';
import { helloCommands } from './hello.ts';
import { indexCommands } from './indexes.ts';
import { readCommands } from './read.ts';
import { sessionCommands } from './session.ts';
import { countCommand, top } from './top.ts';
import { writeCommands } from './write.ts';

export const COMMANDS: Record<string, Handler> = {
  ...helloCommands,
  ...adminCommands,
  ...readCommands,
  ...writeCommands,
  ...indexCommands,
  ...sessionCommands,
  top,
};

const LOWER = new Map(Object.keys(COMMANDS).map((k) => [k.toLowerCase(), k]));

export function commandName(body: Document): string {
  const name = Object.keys(body)[0];
  if (name === undefined) throw err(59, 'no such command: \'\'');
  return name;
}

export function lookup(name: string): Handler | undefined {
  // mongod matches command names exactly, with a few legacy lower-case aliases registered explicitly
  if (Object.prototype.hasOwnProperty.call(COMMANDS, name)) return COMMANDS[name];
  const alias = LOWER.get(name.toLowerCase());
  return alias && (name === 'ismaster' || name === 'findandmodify' || name === 'buildinfo') ? COMMANDS[alias] : undefined;
}

/** Collations other than 'simple' would change comparison results: refuse them by name. */
function rejectCollation(body: Document): void {
  const check = (c: unknown): void => {
    if (c && typeof c === 'object' && (c as Document).locale !== 'simple')
      throw err(2, `collation (locale '${String((c as Document).locale)}') is not supported by the embedded server`);
  };
  check(body.collation);
  for (const key of ['updates', 'deletes'])
    if (Array.isArray(body[key])) for (const s of body[key] as Document[]) check(s?.collation);
}

export async function runCommand(server: ServerState, conn: ConnectionInfo, body: Document, dbName: string, messageSize = 0): Promise<Document> {
  let reply: Document;
  try {
    const name = commandName(body);
    const handler = lookup(name);
    if (!handler) throw err(59, `no such command: '${name}'`);
    rejectCollation(body);
    countCommand(server, name, body, dbName);
    const ctx: CommandContext = { server, conn, dbName, cmd: body, messageSize };
    reply = await server.txn.run(ctx, handler);
  } catch (e) {
    reply = toServerError(e).toReply();
  }
  await server.sync();
  return reply;
}
