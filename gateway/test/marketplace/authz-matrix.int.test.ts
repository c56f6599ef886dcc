import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, type GraphQLAnswer } from '../client.ts';
import { browser } from '../journeys.ts';
import { startPlatform, type Platform } from '../platform.ts';
import {
  CONTACT,
  POST_LEAD,
  RESPOND,
  dataOf,
  database,
  leadInput,
  proProfileInput,
  seededPerson,
  snapshot,
  verifiedPro,
  type Database,
  type Person,
} from './support.ts';

/**
 * Who may do what on the marketplace, as one table: every role against every read and write,
 * through the gateway. A refusal leaks nothing: a refused read (or a write naming something the
 * caller may not see) answers exactly as the same operation on an id that does not exist, and
 * a refused call leaves every marketplace collection of every subgraph unchanged.
 */
// client: the lead's client; otherClient: another client; matchedPro: a verified pro in the lead's
// area who responded and was not hired; unmatchedPro: a verified pro working elsewhere; hiredPro:
// the verified pro in the area whose response was hired (once the scene is HIRED); admin.
const ROLES = ['anonymous', 'client', 'otherClient', 'matchedPro', 'unmatchedPro', 'hiredPro', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** `ok`: allowed (the row checks the data); a code: refused with it; `like missing`: refused, exactly as an unknown id. */
type Expected = 'ok' | 'like missing' | { code: string };
const UNAUTHENTICATED = { code: 'UNAUTHENTICATED' };
const FORBIDDEN = { code: 'FORBIDDEN' };
const MISSING_ID = '0123456789abcdef01234567';

/** No value anywhere: null, or objects whose every field holds nothing (`{ user: null }`). */
const holdsNothing = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(holdsNothing));

const COLLECTIONS = {
  users: ['users', 'pro_images', 'pro_verification_audit'],
  leads: ['leads', 'responses', 'messages'],
  reviews: ['reviews', 'pro_ratings', 'review_moderation_audit'],
} as const;

/** A lead's state for one row: the client's lead with a response from the matched pro and one from the hired pro. */
interface Scene {
  leadId: string;
  /** The matched pro's response (the thread between the client and that pro). */
  matchedResponseId: string;
  /** The hired pro's response, hired unless the scene is OPEN. */
  hiredResponseId: string;
  reviewId: string | null;
}

/** POSTED: nobody responded yet (the responses' ids are empty); OPEN: both pros responded; HIDDEN: an admin hid the review. */
type Stage = 'POSTED' | 'OPEN' | 'HIRED' | 'COMPLETED' | 'REVIEWED' | 'HIDDEN';

interface Row {
  name: string;
  /** The state the row needs; each allowed write gets a fresh scene of this stage. */
  stage: Stage;
  expected: Record<Role, Expected>;
  /** The operation as `role` sends it, about `id` (the scene's by default; MISSING_ID for the comparison). */
  send(as: Person | null, scene: Scene, id?: string): Promise<GraphQLAnswer>;
  /** For allowed cases: what the role gets. */
  check?(answer: GraphQLAnswer, role: Role, scene: Scene): void;
}

describe('marketplace authorization matrix through the gateway', () => {
  let platform: Platform;
  let people: Record<Exclude<Role, 'anonymous'>, Person>;
  /** A pro whose profile waits for review: the admin's reviewPro cell verifies it. */
  let pendingPro: Person;
  let dbs: Record<keyof typeof COLLECTIONS, Database>;

  const sender = (as: Person | null) => (as === null ? browser(platform).send : as.browser.send);
  const personOf = (role: Role) => (role === 'anonymous' ? null : people[role]);

  /** Builds a scene up to `stage` through the gateway, as the people involved would. */
  async function scene(stage: Stage): Promise<Scene> {
    const { client, matchedPro, hiredPro } = people;
    const { postLead } = dataOf(await client.browser.send<{ postLead: { id: string } }>(POST_LEAD, { input: leadInput() }));
    if (stage === 'POSTED') return { leadId: postLead.id, matchedResponseId: '', hiredResponseId: '', reviewId: null };
    const respond = async (pro: Person) =>
      dataOf(
        await pro.browser.send<{ respondToLead: { id: string } }>(RESPOND, {
          input: { leadId: postLead.id, quote: { amount: 70_000, currency: 'GBP' }, message: 'We can do it on the day.' },
        }),
      ).respondToLead.id;
    const result: Scene = { leadId: postLead.id, matchedResponseId: await respond(matchedPro), hiredResponseId: await respond(hiredPro), reviewId: null };
    if (stage === 'OPEN') return result;
    dataOf(await client.browser.send('mutation ($id: ID!) { hireResponse(responseId: $id) { id } }', { id: result.hiredResponseId }));
    if (stage === 'HIRED') return result;
    dataOf(await client.browser.send('mutation ($id: ID!) { completeLead(leadId: $id) { id } }', { id: postLead.id }));
    if (stage === 'COMPLETED') return result;
    const written = dataOf(
      await client.browser.send<{ writeReview: { id: string } }>('mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }', {
        input: { leadId: postLead.id, rating: 4, body: 'Good work, on time and careful.' },
      }),
    );
    if (stage === 'REVIEWED') return { ...result, reviewId: written.writeReview.id };
    dataOf(
      await people.admin.browser.send('mutation ($input: HideReviewInput!) { hideReview(input: $input) { id } }', {
        input: { reviewId: written.writeReview.id, reason: 'Checking a complaint' },
      }),
    );
    return { ...result, reviewId: written.writeReview.id };
  }

  async function everything(): Promise<unknown> {
    const entries = await Promise.all(
      (Object.keys(COLLECTIONS) as (keyof typeof COLLECTIONS)[]).map(async (name) => [name, await snapshot(dbs[name], COLLECTIONS[name])] as const),
    );
    return Object.fromEntries(entries);
  }

  beforeAll(async () => {
    platform = await startPlatform();
    const admin = await seededPerson(platform, 'admin');
    people = {
      admin,
      client: await seededPerson(platform, 'client', 'Robin Client'),
      otherClient: await seededPerson(platform, 'client', 'Alex Other'),
      matchedPro: await verifiedPro(platform, admin),
      hiredPro: await verifiedPro(platform, admin),
      // Verified, but works in Paris only: never matched to the London leads.
      unmatchedPro: await verifiedPro(platform, admin, { serviceAreas: [{ countryCode: 'FR', postalPrefix: '75' }] }),
    };
    pendingPro = await seededPerson(platform, 'pro', 'Pat Pending');
    dataOf(await pendingPro.browser.send('mutation ($input: UpdateProProfileInput!) { updateMyProProfile(input: $input) { proId } }', { input: proProfileInput() }));
    dbs = { users: await database(platform, 'users'), leads: await database(platform, 'leads'), reviews: await database(platform, 'reviews') };
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.values(dbs ?? {}).map((db) => db.close()));
    await platform?.stop();
  });

  const ROWS: Row[] = [
    {
      name: 'read lead(id)',
      stage: 'HIRED',
      expected: { anonymous: 'like missing', client: 'ok', otherClient: 'like missing', matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'ok', admin: 'ok' },
      send: (as, s, id = s.leadId) => sender(as)('query ($id: ID!) { lead(id: $id) { id title status } }', { id }),
      check: (answer, _role, s) => expect(dataOf(answer)).toEqual({ lead: { id: s.leadId, title: 'Move a two-bedroom flat', status: 'HIRED' } }),
    },
    {
      name: 'read lead.contact',
      stage: 'HIRED',
      expected: { anonymous: 'like missing', client: 'ok', otherClient: 'like missing', matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'ok', admin: 'ok' },
      send: (as, s, id = s.leadId) => sender(as)('query ($id: ID!) { lead(id: $id) { contact { email phone } } }', { id }),
      check: (answer, role) => {
        const { lead } = dataOf(answer as GraphQLAnswer<{ lead: { contact: { email: string; phone: string } } }>);
        const inClear = role === 'client' || role === 'hiredPro';
        expect(lead.contact.email === CONTACT.email, `${role} email`).toBe(inClear);
        expect(lead.contact.phone === CONTACT.phone, `${role} phone`).toBe(inClear);
      },
    },
    {
      name: 'read lead.responses',
      stage: 'HIRED',
      expected: { anonymous: 'like missing', client: 'ok', otherClient: 'like missing', matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'ok', admin: 'ok' },
      send: (as, s, id = s.leadId) => sender(as)('query ($id: ID!) { lead(id: $id) { responses(first: 10) { edges { node { id } } } } }', { id }),
      check: (answer, role, s) => {
        const { lead } = dataOf(answer as GraphQLAnswer<{ lead: { responses: { edges: { node: { id: string } }[] } } }>);
        const own = { client: [s.matchedResponseId, s.hiredResponseId], matchedPro: [s.matchedResponseId], hiredPro: [s.hiredResponseId], admin: [] } as Record<string, string[]>;
        expect(lead.responses.edges.map((e) => e.node.id).sort()).toEqual([...own[role]!].sort());
      },
    },
    {
      name: 'read leadFeed',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: 'ok', unmatchedPro: 'ok', hiredPro: 'ok', admin: FORBIDDEN },
      send: (as) => sender(as)('{ leadFeed(first: 100) { edges { node { id } } } }'),
      check: (answer, role, s) => {
        const ids = dataOf(answer as GraphQLAnswer<{ leadFeed: { edges: { node: { id: string } }[] } }>).leadFeed.edges.map((e) => e.node.id);
        expect(ids.includes(s.leadId), role).toBe(role !== 'unmatchedPro');
      },
    },
    {
      name: 'read response(id) thread messages',
      stage: 'HIRED',
      expected: { anonymous: 'like missing', client: 'ok', otherClient: 'like missing', matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'like missing', admin: 'like missing' },
      send: (as, s, id = s.matchedResponseId) => sender(as)('query ($id: ID!) { response(id: $id) { id messages(first: 10) { edges { node { body } } } } }', { id }),
      check: (answer, _role, s) => expect(dataOf(answer)).toEqual({ response: { id: s.matchedResponseId, messages: { edges: [] } } }),
    },
    {
      name: "read User.leads of the lead's client",
      stage: 'HIRED',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'ok', matchedPro: 'ok', unmatchedPro: 'ok', hiredPro: 'ok', admin: 'ok' },
      send: (as) => sender(as)('query ($id: ID!) { user(id: $id) { leads(first: 100) { edges { node { id } } } } }', { id: people.client.id }),
      check: (answer, role, s) => {
        const ids = dataOf(answer as GraphQLAnswer<{ user: { leads: { edges: { node: { id: string } }[] } } }>).user.leads.edges.map((e) => e.node.id);
        expect(ids.includes(s.leadId), role).toBe(role === 'client' || role === 'admin');
      },
    },
    {
      name: 'read leads (all leads)',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: 'ok' },
      send: (as) => sender(as)('{ leads(first: 100) { edges { node { id } } } }'),
      check: (answer, _role, s) =>
        expect(dataOf(answer as GraphQLAnswer<{ leads: { edges: { node: { id: string } }[] } }>).leads.edges.map((e) => e.node.id)).toContain(s.leadId),
    },
    {
      name: 'read proVerificationQueue',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: 'ok' },
      send: (as) => sender(as)('{ proVerificationQueue(first: 10) { edges { node { id } } } }'),
    },
    {
      name: 'write postLead',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'ok', matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: FORBIDDEN },
      send: (as) => sender(as)(POST_LEAD, { input: leadInput() }),
    },
    {
      name: 'write respondToLead',
      stage: 'POSTED',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'ok', admin: FORBIDDEN },
      send: (as, s, id = s.leadId) => sender(as)(RESPOND, { input: { leadId: id, quote: { amount: 50_000, currency: 'GBP' }, message: 'Available then.' } }),
    },
    {
      name: 'write sendMessage',
      stage: 'HIRED',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'like missing', matchedPro: 'ok', unmatchedPro: 'like missing', hiredPro: 'like missing', admin: 'like missing' },
      send: (as, s, id = s.matchedResponseId) => sender(as)('mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { responseId: id, body: 'Hello there.' } }),
    },
    {
      name: 'write hireResponse',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'like missing', matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: FORBIDDEN },
      send: (as, s, id = s.matchedResponseId) => sender(as)('mutation ($id: ID!) { hireResponse(responseId: $id) { id status } }', { id }),
    },
    {
      name: 'write completeLead',
      stage: 'HIRED',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'like missing', matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: FORBIDDEN },
      send: (as, s, id = s.leadId) => sender(as)('mutation ($id: ID!) { completeLead(leadId: $id) { id status } }', { id }),
    },
    {
      name: 'write closeLead',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'like missing', matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: FORBIDDEN },
      send: (as, s, id = s.leadId) => sender(as)('mutation ($id: ID!) { closeLead(leadId: $id) { id status } }', { id }),
    },
    {
      name: 'write writeReview',
      stage: 'COMPLETED',
      expected: { anonymous: UNAUTHENTICATED, client: 'ok', otherClient: 'like missing', matchedPro: 'like missing', unmatchedPro: 'like missing', hiredPro: 'like missing', admin: 'like missing' },
      send: (as, s, id = s.leadId) =>
        sender(as)('mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id } }', { input: { leadId: id, rating: 5, body: 'Excellent work, thank you.' } }),
    },
    {
      name: 'write replyToReview',
      stage: 'REVIEWED',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: 'ok', admin: FORBIDDEN },
      send: (as, s) => sender(as)('mutation ($input: ReplyToReviewInput!) { replyToReview(input: $input) { id } }', { input: { reviewId: s.reviewId, body: 'Thank you!' } }),
    },
    {
      name: 'write hideReview',
      stage: 'REVIEWED',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: 'ok' },
      send: (as, s) => sender(as)('mutation ($input: HideReviewInput!) { hideReview(input: $input) { id } }', { input: { reviewId: s.reviewId, reason: 'Off-topic content' } }),
    },
    {
      name: 'write unhideReview',
      stage: 'HIDDEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: 'ok' },
      send: (as, s) =>
        sender(as)('mutation ($input: UnhideReviewInput!) { unhideReview(input: $input) { id } }', { input: { reviewId: s.reviewId, reason: 'Complaint unfounded' } }),
    },
    {
      name: 'write updateMyProProfile',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: 'ok', unmatchedPro: 'ok', hiredPro: 'ok', admin: FORBIDDEN },
      // A new description only (what was verified stays: the pro stays VERIFIED and matched).
      send: async (as) => {
        type Me = { me: { proProfile: { companyName: string; categories: string[]; serviceAreas: { countryCode: string; postalPrefix: string }[] } | null } | null };
        const me = await sender(as)<Me>('{ me { proProfile { companyName categories serviceAreas { countryCode postalPrefix } } } }');
        const current = me.data?.me?.proProfile ?? null;
        const input = current === null ? proProfileInput() : proProfileInput({ ...current, description: 'Now also weekends.' });
        return sender(as)('mutation ($input: UpdateProProfileInput!) { updateMyProProfile(input: $input) { proId verification { status } } }', { input });
      },
      check: (answer, _role) => expect(dataOf(answer as GraphQLAnswer<{ updateMyProProfile: { verification: { status: string } } }>).updateMyProProfile.verification.status).toBe('VERIFIED'),
    },
    {
      name: 'write reviewPro',
      stage: 'OPEN',
      expected: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, otherClient: FORBIDDEN, matchedPro: FORBIDDEN, unmatchedPro: FORBIDDEN, hiredPro: FORBIDDEN, admin: 'ok' },
      send: (as) =>
        sender(as)('mutation ($input: ReviewProInput!) { reviewPro(input: $input) { proId } }', {
          input: { proId: pendingPro.id, decision: 'VERIFY' },
        }),
    },
  ];

  const cells = (keep: (expected: Expected) => boolean) =>
    ROWS.flatMap((row) => ROLES.filter((role) => keep(row.expected[role])).map((role) => [row.name, role, row] as const));

  it.each(cells((e) => e === 'ok'))('%s as %s: allowed', async (_name, role, row) => {
    const s = await scene(row.stage);
    const answer = await row.send(personOf(role), s);
    dataOf(answer);
    row.check?.(answer, role, s);
  });

  it.each(cells((e) => e === 'like missing'))('%s as %s: refused exactly as an unknown id, nothing written', async (_name, role, row) => {
    const s = await scene(row.stage);
    const before = await everything();
    const refused = await row.send(personOf(role), s);
    const missing = await row.send(personOf(role), s, MISSING_ID);
    expect(await everything()).toEqual(before);
    expect({ data: refused.data, errors: refused.errors }).toEqual({ data: missing.data, errors: missing.errors });
  });

  it.each(cells((e) => typeof e === 'object'))('%s as %s: refused with its code, nothing written', async (_name, role, row) => {
    const s = await scene(row.stage);
    const before = await everything();
    const refused = await row.send(personOf(role), s);
    expect(await everything()).toEqual(before);
    expect(holdsNothing(refused.data), JSON.stringify(refused.data)).toBe(true);
    expect(codeOf(refused)).toBe((row.expected[role] as { code: string }).code);
  });
});
