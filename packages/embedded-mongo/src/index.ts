/**
 * Embedded MongoDB-compatible server: speaks the wire protocol so that the official driver and
 * mongoose work unchanged. Memory-only, or durable with `dbPath` (journal + snapshots).
 */
import { CursorManager } from './commands/cursors.ts';
import type { ServerState } from './commands/context.ts';
import { Engine } from './engine/database.ts';
import { createLogger } from './log.ts';
import { WireServer } from './server.ts';
import { SessionManager } from './txn/sessions.ts';
import { startTtlMonitor } from './engine/ttl.ts';
import { Storage } from './storage/storage.ts';

export interface StartOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Directory for journal and snapshots; memory-only when absent. */
  dbPath?: string;
  /** Name of a one-member replica set (enables transactions in drivers). */
  replSet?: string;
  /** Suppress informational logs (warnings still go to stderr). */
  quiet?: boolean;
  /** Idle cursors are closed after this long (default 10 minutes, like mongod). */
  cursorTimeoutMs?: number;
  /** How often expired TTL documents are removed (default 60 s, like mongod). */
  ttlMonitorIntervalMs?: number;
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export async function start(options: StartOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const log = createLogger(options.quiet ?? false);
  const engine = new Engine();
  const cursors = new CursorManager(options.cursorTimeoutMs ?? 10 * 60_000);
  const storage = options.dbPath ? Storage.open(options.dbPath, engine, log) : undefined;
  const state: ServerState = {
    engine,
    cursors,
    host,
    port: 0,
    replSet: options.replSet,
    startedAt: new Date(),
    sync: storage ? () => storage.sync() : async () => {},
    storage,
    txn: new SessionManager(),
  };
  const server = new WireServer(state, log);
  const port = await server.listen(options.port ?? 0, host);
  state.port = port;
  const stopTtl = startTtlMonitor(engine, options.ttlMonitorIntervalMs ?? 60_000, (e) => log.error(`TTL monitor failed (code ${(e as { code?: number }).code ?? 'unknown'})`));
  const uri = `mongodb://${host}:${port}/${options.replSet ? `?replicaSet=${encodeURIComponent(options.replSet)}` : ''}`;
  log.info(`listening on ${host}:${port}${options.replSet ? ` (replica set ${options.replSet})` : ''}, ${options.dbPath ? 'durable' : 'memory only'}`);
  let stopped: Promise<void> | undefined;
  return {
    uri,
    port,
    stop: () =>
      (stopped ??= (async () => {
        stopTtl();
        await server.close();
        cursors.close();
        state.txn.close();
        await storage?.close();
      })()),
  };
}
