// A runner for MongoDB's unified test format (the CRUD subset): entities, initialData,
// operations through the real driver, expectResult / expectError, expectEvents (command
// monitoring) and outcome. Reads the spec files at test time; it never embeds their data.
import { MongoClient, MongoServerError, MongoWriteConcernError } from 'mongodb';
import type { ClientSession, Collection, CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, Db, Document } from 'mongodb';
import { assertMatches } from './match.ts';
import type { Entities } from './match.ts';
import { runOperation } from './operations.ts';

export interface Requirement { minServerVersion?: string; maxServerVersion?: string; topologies?: string[]; serverless?: string; auth?: boolean; csfle?: boolean; serverParameters?: Document }
export interface CollectionData { collectionName: string; databaseName: string; documents: Document[]; createOptions?: Document }
export interface Operation { name: string; object: string; arguments?: Document; expectResult?: unknown; expectError?: Document; ignoreResultAndError?: boolean; saveResultAsEntity?: string }
export interface ExpectedEvents { client: string; eventType?: string; events: Document[]; ignoreExtraEvents?: boolean }
export interface UnifiedTest { description: string; runOnRequirements?: Requirement[]; skipReason?: string; operations: Operation[]; expectEvents?: ExpectedEvents[]; outcome?: CollectionData[] }
export interface UnifiedFile { description: string; schemaVersion: string; runOnRequirements?: Requirement[]; createEntities?: Document[]; initialData?: CollectionData[]; tests: UnifiedTest[] }

/** What the embedded server is: checked against the live server in the suite's beforeAll. */
export interface ServerFacts { version: string; topology: 'single' | 'replicaset' }

function versionParts(v: string): number[] {
  const parts = v.split('.').map((p) => Number.parseInt(p, 10));
  while (parts.length < 3) parts.push(0);
  return parts;
}

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if (pa[i]! !== pb[i]!) return pa[i]! - pb[i]!;
  return 0;
}

/** Why a requirement list is not met ('' when one of them is met or there are none). */
export function unmetRequirements(reqs: Requirement[] | undefined, facts: ServerFacts): string {
  if (!reqs || reqs.length === 0) return '';
  const reasons: string[] = [];
  for (const r of reqs) {
    const why: string[] = [];
    if (r.minServerVersion && compareVersions(facts.version, r.minServerVersion) < 0) why.push(`needs server >= ${r.minServerVersion}`);
    if (r.maxServerVersion && compareVersions(facts.version, r.maxServerVersion) > 0) why.push(`needs server <= ${r.maxServerVersion}`);
    if (r.topologies && !r.topologies.includes(facts.topology)) why.push(`needs topology ${r.topologies.join('|')}`);
    if (r.serverless === 'require') why.push('needs serverless');
    if (r.auth === true) why.push('needs auth');
    if (r.csfle === true) why.push('needs CSFLE');
    if (r.serverParameters) why.push('needs server parameters');
    if (why.length === 0) return '';
    reasons.push(why.join(', '));
  }
  return reasons.join(' or ');
}

const IGNORED_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'saslStart', 'saslContinue', 'authenticate', 'getnonce', 'configureFailPoint', 'killAllSessions']);

type Observed = { kind: 'commandStartedEvent'; e: CommandStartedEvent } | { kind: 'commandSucceededEvent'; e: CommandSucceededEvent } | { kind: 'commandFailedEvent'; e: CommandFailedEvent };

interface ClientEntity { client: MongoClient; events: Observed[] }

export class UnifiedTestContext {
  readonly entities: Entities = new Map();
  private readonly clients = new Map<string, ClientEntity>();
  private readonly sessions: ClientSession[] = [];

  constructor(private readonly uri: string, private readonly admin: MongoClient) {}

  async prepareData(data: CollectionData[] | undefined): Promise<void> {
    for (const d of data ?? []) {
      const db = this.admin.db(d.databaseName);
      await db.dropCollection(d.collectionName).catch(() => undefined);
      await db.createCollection(d.collectionName, { writeConcern: { w: 'majority' }, ...(d.createOptions ?? {}) });
      if (d.documents.length > 0) await db.collection(d.collectionName).insertMany(d.documents, { writeConcern: { w: 'majority' } });
    }
  }

  async createEntities(list: Document[] | undefined): Promise<void> {
    for (const entry of list ?? []) {
      const [kind, spec] = Object.entries(entry)[0] as [string, Document];
      if (kind === 'client') {
        const observe = new Set<string>(spec.observeEvents ?? []);
        const ignore = new Set<string>(spec.ignoreCommandMonitoringEvents ?? []);
        const client = new MongoClient(this.uri, { monitorCommands: observe.size > 0, serverSelectionTimeoutMS: 5_000, ...(spec.uriOptions ?? {}) });
        const entity: ClientEntity = { client, events: [] };
        const record = (kind: Observed['kind']) => (e: CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent) => {
          if (!observe.has(kind) || IGNORED_COMMANDS.has(e.commandName) || ignore.has(e.commandName)) return;
          entity.events.push({ kind, e } as Observed);
        };
        client.on('commandStarted', record('commandStartedEvent'));
        client.on('commandSucceeded', record('commandSucceededEvent'));
        client.on('commandFailed', record('commandFailedEvent'));
        await client.connect();
        this.clients.set(spec.id, entity);
        this.entities.set(spec.id, client);
      } else if (kind === 'database') {
        const client = this.entities.get(spec.client) as MongoClient;
        this.entities.set(spec.id, client.db(spec.databaseName, spec.databaseOptions));
      } else if (kind === 'collection') {
        const db = this.entities.get(spec.database) as Db;
        this.entities.set(spec.id, db.collection(spec.collectionName, spec.collectionOptions));
      } else if (kind === 'session') {
        const client = this.entities.get(spec.client) as MongoClient;
        const session = client.startSession(spec.sessionOptions);
        this.sessions.push(session);
        this.entities.set(spec.id, session);
      } else {
        throw new Error(`unsupported entity type ${kind}`);
      }
    }
  }

  async runOperation(op: Operation): Promise<void> {
    let result: unknown;
    let error: unknown;
    try {
      result = await runOperation(this.entities, op);
    } catch (err) {
      error = err;
    }
    if (op.ignoreResultAndError) return;
    if (op.expectError) {
      if (error === undefined) throw new Error(`${op.name}: expected an error, got ${JSON.stringify(result)}`);
      checkError(error, op.expectError, this.entities);
      return;
    }
    if (error !== undefined) throw error;
    if (op.expectResult !== undefined) assertMatches(result, op.expectResult, this.entities, true, op.name);
    if (op.saveResultAsEntity) this.entities.set(op.saveResultAsEntity, result);
  }

  checkEvents(expected: ExpectedEvents[] | undefined): void {
    for (const group of expected ?? []) {
      if (group.eventType && group.eventType !== 'command') continue; // only command events are observed
      const actual = this.clients.get(group.client)?.events ?? [];
      const countOk = group.ignoreExtraEvents ? actual.length >= group.events.length : actual.length === group.events.length;
      if (!countOk) {
        throw new Error(`client ${group.client}: expected ${group.events.length} events, got ${actual.length}: ${actual.map((a) => `${a.kind}:${a.e.commandName}`).join(', ')}`);
      }
      group.events.forEach((exp, i) => {
        const [kind, body] = Object.entries(exp)[0] as [string, Document];
        const got = actual[i]!;
        if (got.kind !== kind) throw new Error(`event ${i}: expected ${kind}, got ${got.kind} (${got.e.commandName})`);
        if (body.commandName !== undefined && body.commandName !== got.e.commandName) throw new Error(`event ${i}: expected command ${body.commandName}, got ${got.e.commandName}`);
        if (got.kind === 'commandStartedEvent') {
          if (body.databaseName !== undefined && body.databaseName !== got.e.databaseName) throw new Error(`event ${i}: expected database ${body.databaseName}`);
          if (body.command !== undefined) assertMatches(got.e.command, body.command, this.entities, true, `event[${i}].command`);
        } else if (got.kind === 'commandSucceededEvent' && body.reply !== undefined) {
          assertMatches(got.e.reply, body.reply, this.entities, true, `event[${i}].reply`);
        }
      });
    }
  }

  async checkOutcome(outcome: CollectionData[] | undefined): Promise<void> {
    for (const d of outcome ?? []) {
      const coll: Collection = this.admin.db(d.databaseName).collection(d.collectionName);
      const docs = await coll.find({}, { sort: { _id: 1 }, readConcern: { level: 'local' } }).toArray();
      // outcome is exact: every document, no extra fields (root = false)
      assertMatches(docs, d.documents, this.entities, false, `outcome ${d.databaseName}.${d.collectionName}`);
    }
  }

  async close(): Promise<void> {
    for (const s of this.sessions) await s.endSession().catch(() => undefined);
    for (const { client } of this.clients.values()) await client.close().catch(() => undefined);
  }
}

function checkError(error: unknown, expected: Document, entities: Entities): void {
  const err = error as MongoServerError & { result?: unknown; errorResponse?: Document };
  const isServer = error instanceof MongoServerError || error instanceof MongoWriteConcernError;
  const why = (msg: string) => new Error(`${msg}; actual error: ${String((error as Error)?.message ?? error)}`);
  if (expected.isClientError !== undefined && expected.isClientError === isServer) {
    throw why(expected.isClientError ? 'expected a client-side error' : 'expected a server error');
  }
  if (expected.isTimeoutError === true) throw why('timeout errors are not exercised here');
  if (expected.errorContains !== undefined && !String(err.message).toLowerCase().includes(String(expected.errorContains).toLowerCase())) {
    throw why(`expected the message to contain "${expected.errorContains}"`);
  }
  if (expected.errorCode !== undefined && err.code !== expected.errorCode) throw why(`expected code ${expected.errorCode}, got ${String(err.code)}`);
  if (expected.errorCodeName !== undefined && err.codeName !== expected.errorCodeName) throw why(`expected codeName ${expected.errorCodeName}, got ${String(err.codeName)}`);
  for (const label of (expected.errorLabelsContain as string[] | undefined) ?? []) {
    if (!err.hasErrorLabel?.(label)) throw why(`expected error label ${label}`);
  }
  for (const label of (expected.errorLabelsOmit as string[] | undefined) ?? []) {
    if (err.hasErrorLabel?.(label)) throw why(`expected no error label ${label}`);
  }
  if (expected.errorResponse !== undefined) assertMatches(err.errorResponse, expected.errorResponse, entities, true, 'errorResponse');
  if (expected.expectResult !== undefined) assertMatches(err.result, expected.expectResult, entities, true, 'error.result');
}
