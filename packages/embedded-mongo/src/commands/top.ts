/**
 * `top`: per-namespace usage counters, as mongod's admin command reports them (counts only; the
 * times are always 0 here). Tests use it to count the database work a request causes on the
 * collections they care about, the same way against a real mongod.
 */
import type { Document } from 'bson';
import type { CommandContext, ServerState } from './context.ts';

type Counter = 'queries' | 'getmore' | 'insert' | 'update' | 'remove' | 'commands';

/** Which counter a command name feeds; anything else reading or writing a collection is `commands`. */
const COUNTER_OF: Record<string, Counter> = {
  find: 'queries',
  getMore: 'getmore',
  insert: 'insert',
  update: 'update',
  delete: 'remove',
};

const tables = new WeakMap<ServerState, Map<string, Record<Counter | 'total', number>>>();

function tableOf(server: ServerState): Map<string, Record<Counter | 'total', number>> {
  let table = tables.get(server);
  if (table === undefined) {
    table = new Map();
    tables.set(server, table);
  }
  return table;
}

/** Counts one command against the collection it names (`find: "leads"`, `getMore` with `collection`). */
export function countCommand(server: ServerState, name: string, body: Document, dbName: string): void {
  const collection = name === 'getMore' ? body.collection : body[name];
  if (typeof collection !== 'string' || collection === '') return;
  const ns = `${dbName}.${collection}`;
  const table = tableOf(server);
  let row = table.get(ns);
  if (row === undefined) {
    row = { total: 0, queries: 0, getmore: 0, insert: 0, update: 0, remove: 0, commands: 0 };
    table.set(ns, row);
  }
  row.total += 1;
  row[COUNTER_OF[name] ?? 'commands'] += 1;
}

export function top(ctx: CommandContext): Document {
  const totals: Document = { note: 'all times in microseconds' };
  for (const [ns, row] of tableOf(ctx.server)) {
    const entry: Document = {};
    for (const [key, count] of Object.entries(row)) entry[key] = { time: 0, count };
    entry.readLock = { time: 0, count: row.queries + row.getmore };
    entry.writeLock = { time: 0, count: row.insert + row.update + row.remove };
    totals[ns] = entry;
  }
  return { totals, ok: 1 };
}
