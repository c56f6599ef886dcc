/** Handshake and server-information commands. */
import { ObjectId, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE_BYTES, MAX_WIRE_VERSION, MAX_WRITE_BATCH_SIZE, MIN_WIRE_VERSION } from '../wire/limits.ts';
import type { CommandContext, Handler, ServerState } from './context.ts';

const ELECTION_ID = new ObjectId('7fffffff0000000000000001');
export const VERSION = '7.0.0';

export function helloReply(server: ServerState, connId: number, legacy: boolean): Document {
  const reply: Document = {
    helloOk: true,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connId,
    minWireVersion: MIN_WIRE_VERSION,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (server.replSet) {
    const me = `${server.host}:${server.port}`;
    Object.assign(reply, {
      hosts: [me],
      setName: server.replSet,
      setVersion: 1,
      secondary: false,
      primary: me,
      me,
      electionId: ELECTION_ID,
      lastWrite: { lastWriteDate: new Date(), majorityWriteDate: new Date() },
    });
  }
  reply.ok = 1;
  return reply;
}

const hello: Handler = (ctx) => helloReply(ctx.server, ctx.conn.id, false);
const isMaster: Handler = (ctx) => helloReply(ctx.server, ctx.conn.id, true);

const buildInfo: Handler = () => ({
  version: VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'none' },
  ok: 1,
});

const PARAMETERS: Document = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  cursorTimeoutMillis: 600000,
};

const getParameter: Handler = (ctx) => {
  const cmd = ctx.cmd;
  const out: Document = {};
  const all = cmd.getParameter === '*' || (typeof cmd.getParameter === 'object' && cmd.getParameter?.allParameters);
  for (const [k, v] of Object.entries(PARAMETERS)) {
    if (all || k in cmd) out[k] = k === 'cursorTimeoutMillis' ? ctx.server.cursors.timeoutMs : v;
  }
  if (!all && Object.keys(out).length === 0) return { ok: 0, errmsg: 'no option found to get', code: 72, codeName: 'InvalidOptions' };
  return { ...out, ok: 1 };
};

function serverStatus(ctx: CommandContext): Document {
  return {
    host: `${ctx.server.host}:${ctx.server.port}`,
    version: VERSION,
    process: 'embedded-mongo',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
    localTime: new Date(),
    connections: { current: 0 },
    metrics: { cursor: { open: { total: ctx.server.cursors.size } } },
    ok: 1,
  };
}

export const helloCommands: Record<string, Handler> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  serverStatus,
  hostInfo: () => ({ system: { hostname: 'localhost', numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }),
  whatsmyuri: (ctx) => ({ you: ctx.conn.remote, ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {}, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: () => ({ names: [], ok: 1 }),
  logout: () => ({ ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  replSetGetStatus: (ctx) =>
    ctx.server.replSet
      ? { set: ctx.server.replSet, myState: 1, members: [{ _id: 0, name: `${ctx.server.host}:${ctx.server.port}`, health: 1, state: 1, stateStr: 'PRIMARY', self: true }], ok: 1 }
      : { ok: 0, errmsg: 'not running with --replSet', code: 76, codeName: 'NoReplicationEnabled' },
};
