import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { connectDatabase } from '@leadgraph/db';
import type { GraphQLAnswer } from '../client.ts';
import { browser, signUpInput, SIGN_IN, SIGN_UP, tokenFromMail, VERIFY, PASSWORD, type Browser } from '../journeys.ts';
import type { Platform } from '../platform.ts';
import { signedInAs } from '../sign-in.ts';
import { clientFor } from '../client.ts';

/**
 * What the marketplace tests share: the operations (as a browser sends them), a valid lead in
 * a pro's service area, and people set up through the gateway (a verified pro, a client, an admin).
 */

export const UPDATE_PROFILE = `mutation ($input: UpdateProProfileInput!) {
  updateMyProProfile(input: $input) { proId companyName categories serviceAreas { countryCode postalPrefix } verification { status } }
}`;
export const REVIEW_PRO = 'mutation ($input: ReviewProInput!) { reviewPro(input: $input) { proId verification { status } } }';
export const QUEUE = '{ proVerificationQueue(first: 10) { edges { node { id } } } }';
export const POST_LEAD = 'mutation ($input: PostLeadInput!) { postLead(input: $input) { id status title } }';
export const LEAD = `query ($id: ID!) { lead(id: $id) {
  id title status description
  contact { email phone address { street postalCode city countryCode } }
  responses(first: 10) { edges { node { id proId message } } }
} }`;
export const FEED = `query ($first: Int) { leadFeed(first: $first) { edges { node {
  id title contact { email phone address { street city } }
} } } }`;
export const RESPOND = 'mutation ($input: RespondToLeadInput!) { respondToLead(input: $input) { id proId hired quote { amount currency } } }';
export const SEND_MESSAGE = 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id body sender { id } } }';
export const THREAD = `query ($id: ID!) { response(id: $id) { id message messages(first: 20) { edges { node { id body sender { id } } } } } }`;
export const HIRE = 'mutation ($id: ID!) { hireResponse(responseId: $id) { id status } }';
export const COMPLETE = 'mutation ($id: ID!) { completeLead(leadId: $id) { id status } }';
export const CLOSE = 'mutation ($id: ID!) { closeLead(leadId: $id) { id status } }';
export const WRITE_REVIEW = 'mutation ($input: WriteReviewInput!) { writeReview(input: $input) { id rating body } }';
export const REPLY_REVIEW = 'mutation ($input: ReplyToReviewInput!) { replyToReview(input: $input) { id reply { body } } }';
export const HIDE_REVIEW = 'mutation ($input: HideReviewInput!) { hideReview(input: $input) { id moderation { hidden } } }';
export const PRO_PAGE = `query ($id: ID!) { user(id: $id) {
  id name
  proProfile { companyName categories verification { status } }
  rating { average count distribution { stars count } }
  reviews(first: 10) { edges { node { id rating body author { id name } } } }
} }`;

/** A day `days` from today (UTC), `YYYY-MM-DD`. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The profile a pro in London (SW1) moving and cleaning fills in. */
export function proProfileInput(overrides: Record<string, unknown> = {}) {
  return {
    companyName: `Fairweather Removals ${randomBytes(3).toString('hex')}`,
    description: 'Careful house moves across London since 2009.',
    categories: ['MOVING', 'CLEANING'],
    serviceAreas: [{ countryCode: 'GB', postalPrefix: 'SW1' }],
    businessEmail: 'office@fairweather.example.com',
    businessPhone: '+44 20 7946 0001',
    website: 'https://fairweather.example.com',
    ...overrides,
  };
}

/** The client's contact details on every test lead: what a pro must not see until hired. */
export const CONTACT = { email: 'robin.client@example.com', phone: '+44 7700 900123' };
export const STREET = '10 Downing Street';

/** A valid lead in the pros' area (GB, SW1), moving, in a month. */
export function leadInput(overrides: Record<string, unknown> = {}) {
  return {
    category: 'MOVING',
    title: 'Move a two-bedroom flat',
    description: 'Two bedrooms, third floor with a lift, about 30 boxes and a piano.',
    dates: { fixed: { startDate: inDays(30), endDate: inDays(31) } },
    location: { countryCode: 'GB', city: 'London', postalCode: 'SW1A 2AA', address: STREET },
    budget: { min: 50_000, max: 90_000, currency: 'GBP' },
    details: [{ key: 'rooms', value: '2' }],
    contact: CONTACT,
    ...overrides,
  };
}

/** The data of an answer, failing the test with the errors when there are any. */
export function dataOf<T>(answer: GraphQLAnswer<T>): T {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data as T;
}

export interface Person {
  id: string;
  email: string;
  browser: Browser;
}

/** Signs up through the gateway with `role`, confirms the address from the caught mail, signs in. */
export async function signUpThroughGateway(platform: Platform, role: 'CLIENT' | 'PRO', name: string): Promise<Person> {
  const email = `${role.toLowerCase()}.${randomBytes(5).toString('hex')}@example.com`;
  const b = browser(platform);
  dataOf(await b.send(SIGN_UP, { input: signUpInput(email, { role, name }) }));
  expect(dataOf(await b.send(VERIFY, { token: await tokenFromMail(platform, email, 'verify-email') }))).toEqual({ verifyEmail: true });
  const signedIn = dataOf(await b.send<{ signIn: { user: { id: string } } }>(SIGN_IN, { email, password: PASSWORD }));
  return { id: signedIn.signIn.user.id, email, browser: b };
}

/** A browser-like sender for a jar from `signedInAs` (accounts written with the users seed factory). */
export async function seededPerson(platform: Platform, role: 'client' | 'pro' | 'admin', name?: string): Promise<Person> {
  const signedIn = await signedInAs(platform, role, name);
  const send = clientFor(platform.graphqlUrl, signedIn.jar);
  return { id: signedIn.user._id.toHexString(), email: signedIn.email, browser: { jar: signedIn.jar, ip: '127.0.0.1', send } };
}

/** A pro account with a VERIFIED profile in `profile`'s area: signed up, filled in, verified by `admin`. */
export async function verifiedPro(platform: Platform, admin: Person, profile: Record<string, unknown> = {}): Promise<Person> {
  const pro = await seededPerson(platform, 'pro', 'Sam Mover');
  dataOf(await pro.browser.send(UPDATE_PROFILE, { input: proProfileInput(profile) }));
  dataOf(await admin.browser.send(REVIEW_PRO, { input: { proId: pro.id, decision: 'VERIFY' } }));
  return pro;
}

/** A mongoose connection to one database (the type without importing mongoose here). */
export type Database = Awaited<ReturnType<typeof connectDatabase>>;

/** A connection to one subgraph's database of the platform (closed by the caller). */
export function database(platform: Platform, name: keyof Platform['dbNames']): Promise<Database> {
  return connectDatabase(platform.mongo.uri, platform.dbNames[name]);
}

/** Every document of the named collections, for "nothing changed" assertions. */
export async function snapshot(db: Database, collections: readonly string[]): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    collections.map(async (name) => [name, await db.collection(name).find({}).sort({ _id: 1 }).toArray()] as const),
  );
  return Object.fromEntries(entries);
}

/** Waits (up to ~5 s) until the catcher holds a mail to `to` whose subject matches. */
export async function mailTo(platform: Platform, to: string, subject: RegExp) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const found = platform.mail.messages().find((m) => m.envelope.to.includes(to) && subject.test(m.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${to} with subject ${subject}`);
}
