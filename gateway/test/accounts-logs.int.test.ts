import { createLogger } from '@leadgraph/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from './client.ts';
import {
  browser,
  lastMailId,
  ME,
  NEW_PASSWORD,
  newEmail,
  PASSWORD,
  REQUEST_RESET,
  RESET,
  SIGN_IN,
  SIGN_OUT,
  SIGN_UP,
  signUpInput,
  tokenFromMail,
  VERIFY,
} from './journeys.ts';
import { startPlatform, type Platform } from './platform.ts';

// Every log line of the gateway and the four subgraphs (all in this process, at trace level)
// during the account journeys must be free of passwords, tokens, emails, names and addresses.
const lines: string[] = [];
let platform: Platform;
beforeAll(async () => {
  const logger = createLogger('platform', { level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
  platform = await startPlatform({ logger, trustProxy: 1 });
});
afterAll(() => platform?.stop());

describe('logs during the account journeys', () => {
  it('never contain a password, token, email, name or client address', async () => {
    const email = newEmail('secretive');
    const name = 'Perpetua Quillfeather';
    const b = browser(platform);
    const secrets: string[] = [email, email.split('@')[0]!, name, PASSWORD, NEW_PASSWORD, b.ip];

    await b.send(SIGN_UP, { input: signUpInput(email, { name }) });
    await b.send(SIGN_UP, { input: signUpInput(email, { name }) });
    await b.send(SIGN_UP, { input: signUpInput(newEmail('minor'), { name, dateOfBirth: '2020-01-01' }) });
    const verifyToken = await tokenFromMail(platform, email, 'verify-email');
    secrets.push(verifyToken);
    await b.send(VERIFY, { token: verifyToken });
    await b.send(VERIFY, { token: verifyToken });

    expect(codeOf(await b.send(SIGN_IN, { email, password: 'a wrong password indeed' }))).toBe('INVALID_CREDENTIALS');
    secrets.push('a wrong password indeed');
    expect((await b.send(SIGN_IN, { email, password: PASSWORD })).errors).toBeUndefined();
    const sessionToken = b.jar.get('sid')!.value;
    secrets.push(sessionToken);
    await b.send(ME);

    const before = lastMailId(platform);
    await b.send(REQUEST_RESET, { email });
    const resetToken = await tokenFromMail(platform, email, 'reset-password', before);
    secrets.push(resetToken);
    await b.send(RESET, { token: resetToken, newPassword: NEW_PASSWORD });
    await b.send(SIGN_IN, { email, password: NEW_PASSWORD });
    secrets.push(b.jar.get('sid')!.value);
    await b.send(SIGN_OUT);
    await b.send(ME, undefined, { cookie: `sid=${sessionToken}` });
    for (let attempt = 0; attempt < 6; attempt += 1) await b.send(SIGN_IN, { email, password: `${PASSWORD} ${attempt}` });

    // Wait for the outbox worker to have logged its deliveries, then stop everything (shutdown logs too).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await platform.stop();

    expect(lines.length).toBeGreaterThan(20);
    const leaks = lines.flatMap((line) => secrets.filter((secret) => line.toLowerCase().includes(secret.toLowerCase())).map((secret) => ({ secret: secret.slice(0, 4), line: line.slice(0, 200) })));
    expect(leaks).toEqual([]);
  });
});
