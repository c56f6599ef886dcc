import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser } from '../journeys.ts';
import { startPlatform, type Platform } from '../platform.ts';
import {
  COMPLETE,
  CONTACT,
  FEED,
  HIRE,
  LEAD,
  POST_LEAD,
  PRO_PAGE,
  RESPOND,
  REVIEW_PRO,
  SEND_MESSAGE,
  STREET,
  THREAD,
  UPDATE_PROFILE,
  WRITE_REVIEW,
  dataOf,
  leadInput,
  mailTo,
  proProfileInput,
  seededPerson,
  signUpThroughGateway,
} from './support.ts';

/**
 * Issue #5 end to end, through the gateway over HTTP with one cookie jar per person and the
 * real mail catcher: a pro signs up and is verified, a client posts a lead, the pro finds it
 * in the feed with masked contact details, responds, they talk, the client hires, the pro sees
 * the contact details, the job is completed and reviewed, and a visitor reads the review.
 */
describe('marketplace journey through the gateway', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('takes a lead from posting to a public review, mailing each step without message text', async () => {
    // A pro signs up (real mail link), fills the profile, and an admin verifies it.
    const pro = await signUpThroughGateway(platform, 'PRO', 'Sam Mover');
    const profile = proProfileInput();
    const filled = dataOf(await pro.browser.send<{ updateMyProProfile: { verification: { status: string } } }>(UPDATE_PROFILE, { input: profile }));
    expect(filled.updateMyProProfile.verification.status).toBe('PENDING');
    const admin = await seededPerson(platform, 'admin');
    const verified = dataOf(await admin.browser.send(REVIEW_PRO, { input: { proId: pro.id, decision: 'VERIFY' } }));
    expect(verified).toEqual({ reviewPro: { proId: pro.id, verification: { status: 'VERIFIED' } } });

    // A client signs up and posts a lead in the pro's area.
    const client = await signUpThroughGateway(platform, 'CLIENT', 'Robin Client');
    const posted = dataOf(await client.browser.send<{ postLead: { id: string; status: string } }>(POST_LEAD, { input: leadInput() }));
    const leadId = posted.postLead.id;
    expect(posted.postLead.status).toBe('OPEN');

    // The pro finds it in the feed, contact details masked.
    type FeedNode = { id: string; contact: { email: string; phone: string; address: { street: string | null; city: string | null } | null } };
    const feed = dataOf(await pro.browser.send<{ leadFeed: { edges: { node: FeedNode }[] } }>(FEED, { first: 10 }));
    const inFeed = feed.leadFeed.edges.map((e) => e.node).find((n) => n.id === leadId);
    expect(inFeed).toBeDefined();
    expect(inFeed!.contact.email).not.toBe(CONTACT.email);
    expect(inFeed!.contact.phone).not.toBe(CONTACT.phone);
    expect(inFeed!.contact.address?.street ?? null).not.toBe(STREET);
    expect(JSON.stringify(inFeed)).not.toContain('robin.client');
    expect(JSON.stringify(inFeed)).not.toContain('900123');

    // The pro responds; they exchange messages in the thread.
    const responseMessage = 'We can do the 30th, piano included, two movers.';
    const responded = dataOf(
      await pro.browser.send<{ respondToLead: { id: string; hired: boolean } }>(RESPOND, {
        input: { leadId, quote: { amount: 72_000, currency: 'GBP' }, message: responseMessage },
      }),
    );
    const responseId = responded.respondToLead.id;
    expect(responded.respondToLead.hired).toBe(false);
    const clientText = 'Lovely, is the lift big enough for the piano?';
    const proText = 'Yes, we measured similar lifts on your street before.';
    dataOf(await client.browser.send(SEND_MESSAGE, { input: { responseId, body: clientText } }));
    dataOf(await pro.browser.send(SEND_MESSAGE, { input: { threadId: responseId, body: proText } }));
    const clientAgain = 'Perfect, see you then.';
    dataOf(await client.browser.send(SEND_MESSAGE, { input: { responseId, body: clientAgain } }));
    const thread = dataOf(await client.browser.send<{ response: { messages: { edges: { node: { body: string; sender: { id: string } } }[] } } }>(THREAD, { id: responseId }));
    expect(thread.response.messages.edges.map((e) => [e.node.sender.id, e.node.body])).toEqual([
      [client.id, clientText],
      [pro.id, proText],
      [client.id, clientAgain],
    ]);

    // Before the hire the pro still sees masked details on the lead itself.
    type LeadView = { lead: { status: string; contact: { email: string; phone: string; address: { street: string | null } | null } } };
    const before = dataOf(await pro.browser.send<LeadView>(LEAD, { id: leadId }));
    expect(before.lead.contact.email).not.toBe(CONTACT.email);

    // The client hires: the pro now sees the contact details in clear.
    expect(dataOf(await client.browser.send(HIRE, { id: responseId }))).toEqual({ hireResponse: { id: leadId, status: 'HIRED' } });
    const after = dataOf(await pro.browser.send<LeadView>(LEAD, { id: leadId }));
    expect(after.lead.status).toBe('HIRED');
    expect(after.lead.contact.email).toBe(CONTACT.email);
    expect(after.lead.contact.phone).toBe(CONTACT.phone);
    expect(after.lead.contact.address?.street).toBe(STREET);

    // The job is done; the client reviews the pro.
    expect(dataOf(await client.browser.send(COMPLETE, { id: leadId }))).toEqual({ completeLead: { id: leadId, status: 'COMPLETED' } });
    const reviewBody = 'Sam and the team moved our piano without a scratch. Recommended.';
    const review = dataOf(
      await client.browser.send<{ writeReview: { id: string } }>(WRITE_REVIEW, { input: { leadId, rating: 5, body: reviewBody } }),
    );

    // An anonymous visitor reads the public profile: the review, its author's name and the rating.
    const visitor = browser(platform);
    const page = dataOf(await visitor.send(PRO_PAGE, { id: pro.id }));
    expect(page).toEqual({
      user: {
        id: pro.id,
        name: 'Sam Mover',
        proProfile: { companyName: profile.companyName, categories: ['MOVING', 'CLEANING'], verification: { status: 'VERIFIED' } },
        rating: {
          average: 5,
          count: 1,
          distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: stars === 5 ? 1 : 0 })),
        },
        reviews: { edges: [{ node: { id: review.writeReview.id, rating: 5, body: reviewBody, author: { id: client.id, name: 'Robin Client' } } }] },
      },
    });

    // The service mails arrived at the catcher, and none carries what was written in the thread.
    const mails = [
      await mailTo(platform, client.email, /is live/),
      await mailTo(platform, client.email, /responded to/),
      await mailTo(platform, pro.email, /You were hired/),
      await mailTo(platform, client.email, /New message/),
      await mailTo(platform, pro.email, /New message/),
    ];
    for (const mail of mails) {
      for (const secret of [responseMessage, clientText, proText, clientAgain]) {
        expect(mail.text).not.toContain(secret);
        expect(mail.html ?? '').not.toContain(secret);
      }
      expect(mail.text).toContain(`http://localhost:4000/leads/${leadId}`);
    }
    // Batched: one new-message mail per participant for the thread in this 15-minute window
    // (the client wrote twice, the pro got one mail).
    const newMessageMails = platform.mail.messages().filter((m) => /New message/.test(m.subject));
    expect(newMessageMails.map((m) => m.envelope.to).flat().sort()).toEqual([client.email, pro.email].sort());
  });
});
