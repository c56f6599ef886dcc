import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { startTestDatabase } from '@leadgraph/testing';
import { PASSWORD, SIGN_IN, anonymousFrom, newEmail, newIp, signInAs, signUpVerified, startAccounts, tokensFromMails } from './helpers.ts';

let mongo: MongoHandle;
beforeAll(async () => {
  mongo = await startTestDatabase();
});
afterAll(() => mongo.stop());

describe('logs of the accounts flows', () => {
  it('contain no password, token, email address or client address', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger('users-test', { level: 'trace', destination });
    const a = await startAccounts(mongo, { logger });
    const ip = newIp();
    const { email } = await signUpVerified(a, { email: newEmail('Secret.Person') });
    const wrong = 'wrong password, logged?';
    await a.call(SIGN_IN, { email, password: wrong }, anonymousFrom(ip));
    const session = await signInAs(a, email, PASSWORD, ip);
    await a.call('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email }, anonymousFrom(ip));
    const [resetToken] = await tokensFromMails(a.catcher, email, 'reset-password');
    const newPassword = 'the second secret passphrase';
    await a.call('mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: resetToken, p: newPassword });
    const again = await signInAs(a, email, newPassword, ip);
    const next = newEmail('Moved.Person');
    await a.call('mutation ($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }', { e: next, p: newPassword }, again.headers());
    const [changeToken] = await tokensFromMails(a.catcher, next, 'confirm-email');
    await a.call('mutation ($t: String!) { confirmEmailChange(token: $t) }', { t: changeToken });
    await a.call('mutation ($p: String!) { deleteMyAccount(password: $p) }', { p: newPassword }, again.headers());
    const [verifyToken] = await tokensFromMails(a.catcher, email, 'verify-email');

    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n').toLowerCase();
    const secrets = [PASSWORD, wrong, newPassword, email, next, ip, session.token, again.token, resetToken, changeToken, verifyToken];
    for (const secret of secrets) expect(all).not.toContain(String(secret).toLowerCase());
    expect(all).toContain('sign-in.succeeded');
  });
});
