import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import type { MailCatcher } from '@leadgraph/mail';
import { startTestDatabase } from '@leadgraph/testing';
import { createUser } from '../src/seed/index.ts';
import { anonymousFrom } from './helpers.ts';
import { startWithPrivacy } from './with-privacy.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

const REQUEST_CODE = 'mutation ($email: String!) { requestPrivacyRequestCode(email: $email) }';
const FILE_WITH_CODE = `mutation ($input: FileDataSubjectRequestWithCodeInput!) { fileDataSubjectRequestWithCode(input: $input) { requestId kind status } }`;
type Filed = { fileDataSubjectRequestWithCode: { requestId: string; kind: string; status: string } };

/** The mails to `to` once at least `count` arrived (the outbox delivers within ~100 ms). */
async function mailsTo(catcher: MailCatcher, to: string, count = 1) {
  for (let i = 0; i < 100; i += 1) {
    const found = catcher.messages().filter((m) => m.envelope.to.includes(to)).sort((x, y) => x.id - y.id);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} mail(s) arrived`);
}

const codeIn = (text: string) => /Your code: ([0-9]{8})/.exec(text)?.[1];

describe('privacy requests without signing in, identity verified by a mailed code', () => {
  it('mails a code to an existing (closed) account only, files the request once with the identity verified by EMAIL_CODE', async () => {
    const { users, privacy } = await startWithPrivacy(mongo);
    const email = 'closed.account@example.com';
    const user = await createUser(users.db, { role: 'client', email, disabledAt: new Date() });
    const userId = user._id.toHexString();
    const from = anonymousFrom('203.0.113.10');

    const asked = await users.call(REQUEST_CODE, { email }, from);
    expect(asked.body).toEqual({ data: { requestPrivacyRequestCode: true } });
    const stranger = 'no.account.here@example.com';
    const strangerAsked = await users.call(REQUEST_CODE, { email: stranger }, from);
    expect(strangerAsked.body).toEqual({ data: { requestPrivacyRequestCode: true } });

    const [mail] = await mailsTo(users.catcher, email);
    const code = codeIn(mail!.text)!;
    expect(code).toMatch(/^[0-9]{8}$/);
    expect(mail!.subject).toBe('Your code for a privacy request');
    // Stored hashed only: the code is in no document of the users database.
    const tokens = await users.db.collection('auth_tokens').find({ purpose: 'privacy-code' }).toArray();
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(code);

    // A wrong code, or the right code for an unknown address: one answer, nothing filed.
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const refused = await users.call(FILE_WITH_CODE, { input: { email, code: wrong, kind: 'ERASURE' } }, from);
    const unknown = await users.call(FILE_WITH_CODE, { input: { email: stranger, code, kind: 'ERASURE' } }, from);
    for (const answer of [refused, unknown]) {
      expect(answer.body.data).toBeNull();
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('INVALID_CODE');
      expect(answer.body.errors?.[0]?.message).toBe(refused.body.errors?.[0]?.message);
    }
    expect(await privacy.db.collection('data_subject_requests').countDocuments()).toBe(0);

    const filed = await users.call<Filed>(FILE_WITH_CODE, { input: { email: 'Closed.Account@example.com', code, kind: 'ERASURE' } }, from);
    expect(filed.body.errors).toBeUndefined();
    const { requestId } = filed.body.data!.fileDataSubjectRequestWithCode;
    expect(filed.body.data?.fileDataSubjectRequestWithCode).toEqual({ requestId, kind: 'ERASURE', status: 'IN_PROGRESS' });

    // Single use.
    const again = await users.call(FILE_WITH_CODE, { input: { email, code, kind: 'ACCESS' } }, from);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('INVALID_CODE');

    const stored = await privacy.db.collection('data_subject_requests').find({}).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.subjectId.toHexString()).toBe(userId);
    expect(stored[0]!.verifiedAt).toBeInstanceOf(Date);
    expect(stored[0]!.history.map((t: { from: string | null; to: string; reason: string | null }) => [t.from, t.to, t.reason])).toEqual([
      [null, 'RECEIVED', null],
      ['RECEIVED', 'VERIFYING', 'Identity to be confirmed by signing in again'],
      ['VERIFYING', 'IN_PROGRESS', "Identity confirmed by a one-time code mailed to the account's email address"],
    ]);
    // The requester gets the usual REQUEST_UPDATE mails (after the code's mail).
    const mails = await mailsTo(users.catcher, email, 4);
    expect(mails.slice(1).map((m) => m.subject)).toEqual(Array(3).fill('An update on your privacy request'));
    expect(users.catcher.messages().filter((m) => m.envelope.to.includes(stranger))).toEqual([]);
  });

  it('a new code supersedes the previous one; a bad input uses nothing', async () => {
    const { users, privacy } = await startWithPrivacy(mongo);
    const email = 'twice.asked@example.com';
    await createUser(users.db, { role: 'pro', email });
    const from = anonymousFrom('203.0.113.11');
    await users.call(REQUEST_CODE, { email }, from);
    const first = codeIn((await mailsTo(users.catcher, email))[0]!.text)!;
    await users.call(REQUEST_CODE, { email }, from);
    const second = codeIn((await mailsTo(users.catcher, email, 2))[1]!.text)!;
    expect(second).not.toBe(first); // equal 1 time in 10^8
    const old = await users.call(FILE_WITH_CODE, { input: { email, code: first, kind: 'RESTRICTION' } }, from);
    expect(old.body.errors?.[0]?.extensions?.code).toBe('INVALID_CODE');
    expect(await users.db.collection('auth_tokens').countDocuments({ purpose: 'privacy-code' })).toBe(1);
    const noDetails = await users.call(FILE_WITH_CODE, { input: { email, code: second, kind: 'RECTIFICATION' } }, from);
    expect(noDetails.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await privacy.db.collection('data_subject_requests').countDocuments()).toBe(0);
    const filed = await users.call<Filed>(FILE_WITH_CODE, { input: { email, code: second, kind: 'RESTRICTION' } }, from);
    expect(filed.body.data?.fileDataSubjectRequestWithCode).toMatchObject({ kind: 'RESTRICTION', status: 'RECEIVED' });

    // Privacy refuses a second open RESTRICTION: nothing filed, and the new code stays usable.
    await users.call(REQUEST_CODE, { email }, from);
    const third = codeIn((await mailsTo(users.catcher, email, 4)).filter((m) => codeIn(m.text) !== undefined)[2]!.text)!;
    const open = await users.call(FILE_WITH_CODE, { input: { email, code: third, kind: 'RESTRICTION' } }, from);
    expect(open.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await privacy.db.collection('data_subject_requests').countDocuments()).toBe(1);
    const objection = await users.call<Filed>(FILE_WITH_CODE, { input: { email, code: third, kind: 'OBJECTION' } }, from);
    expect(objection.body.data?.fileDataSubjectRequestWithCode).toMatchObject({ kind: 'OBJECTION', status: 'RECEIVED' });
  });

  it('an expired code is refused like a wrong one; tries and requests are rate-limited', async () => {
    const { users, privacy } = await startWithPrivacy(mongo);
    const email = 'slow.reader@example.com';
    await createUser(users.db, { role: 'client', email });
    const from = anonymousFrom('203.0.113.12');
    await users.call(REQUEST_CODE, { email }, from);
    const code = codeIn((await mailsTo(users.catcher, email))[0]!.text)!;
    const token = await users.db.collection('auth_tokens').findOne({ purpose: 'privacy-code' });
    expect(token!.expiresAt.getTime() - token!.createdAt.getTime()).toBe(15 * 60_000);
    await users.db.collection('auth_tokens').updateOne({ _id: token!._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await users.call(FILE_WITH_CODE, { input: { email, code, kind: 'ACCESS' } }, from);
    expect(expired.body.errors?.[0]?.extensions?.code).toBe('INVALID_CODE');

    // 5 tries per address in 15 minutes, then RATE_LIMITED (even with the right code).
    for (let i = 0; i < 4; i += 1) {
      const tried = await users.call(FILE_WITH_CODE, { input: { email, code: String(i).padStart(8, '9'), kind: 'ACCESS' } }, from);
      expect(tried.body.errors?.[0]?.extensions?.code).toBe('INVALID_CODE');
    }
    const limited = await users.call(FILE_WITH_CODE, { input: { email, code, kind: 'ACCESS' } }, from);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await privacy.db.collection('data_subject_requests').countDocuments()).toBe(0);

    // Asking for codes counts like password resets: 3 per address an hour, known or not.
    const stranger = 'asks.often@example.com';
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await users.call(REQUEST_CODE, { email: stranger }, from)).body);
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ data: { requestPrivacyRequestCode: true } }));
    expect(answers[3]!.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
