import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  TEST_ARGON2,
  consumeToken,
  createRateLimiter,
  createSessionManager,
  ensureAuthIndexes,
  hashPassword,
  identityForSession,
  sessionHandle,
  sha256Hex,
  issueToken,
  loginLimitKeys,
  verifyPassword,
} from '../src/index.ts';
import { capturingLogger, databaseServer, fakeUsers, userId } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('nothing secret leaves through logs or database commands', () => {
  it('a sign-in, lockout, session and reset flow logs and sends no password, token, email or IP', async () => {
    const db = await server.connect(undefined, { monitorCommands: true });
    const commands: string[] = [];
    db.getClient().on('commandStarted', (event) => commands.push(JSON.stringify(event.command)));
    const consoleLines: string[] = [];
    onTestFinished(() => void vi.restoreAllMocks());
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    await ensureAuthIndexes(db);

    const { logger, lines } = capturingLogger();
    const email = 'Zed.Quill+shop@example.test';
    const password = 'violet tractor seventeen lamps';
    const wrongPassword = 'orange kettle ninety owls';
    const ip = '198.51.100.23';
    const ann = userId();
    const secrets: string[] = [email, email.toLowerCase(), 'zed.quill', password, wrongPassword, ip];

    const passwordHash = await hashPassword(password, TEST_ARGON2);
    const limiter = createRateLimiter(db, { logger });
    const sessions = createSessionManager({ db, findUser: fakeUsers({ [ann]: { role: 'client' } }).findUser, logger });
    const keys = loginLimitKeys({ email, ip });

    // Five wrong passwords: the fifth starts a block, which is logged.
    for (let i = 0; i < 5; i += 1) {
      expect((await limiter.attempt(keys)).allowed).toBe(true);
      expect(await verifyPassword(passwordHash, wrongPassword, TEST_ARGON2)).toBe(false);
    }
    expect((await limiter.attempt(keys)).allowed).toBe(false);
    await limiter.reset(keys);

    // A right one: session, validation, identity, log out elsewhere.
    expect((await limiter.attempt(keys)).allowed).toBe(true);
    expect(await verifyPassword(passwordHash, password, TEST_ARGON2)).toBe(true);
    await limiter.succeeded(keys);
    const first = await sessions.createSession(ann, { role: 'client' });
    const second = await sessions.createSession(ann, { role: 'client' });
    const validated = await sessions.validateSessionToken(first.token);
    expect(validated).not.toBeNull();
    const identity = identityForSession(validated!);
    logger.info({ identity }, 'identity asserted'); // what a gateway might log
    expect(await sessions.invalidateUserSessions(ann, { except: first.token })).toBe(1);

    // A password reset: issue, use, reuse.
    const reset = await issueToken(db, { userId: ann, purpose: 'reset-password', logger });
    expect((await consumeToken(db, { token: reset.token, purpose: 'reset-password', logger })).ok).toBe(true);
    expect((await consumeToken(db, { token: reset.token, purpose: 'reset-password', logger })).ok).toBe(false);
    await sessions.invalidateSession(first.token);

    secrets.push(first.token, second.token, reset.token);
    const events = lines.map((line) => (JSON.parse(line) as { event?: string }).event);
    expect(events).toEqual(
      expect.arrayContaining(['rate_limit.blocked', 'session.created', 'session.invalidated-all', 'token.issued', 'token.consumed', 'token.rejected']),
    );
    // The capture works: the stored forms (hashes) do appear in the commands.
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.join('\n')).toContain(sessionHandle(first.token));
    expect(commands.join('\n')).toContain(sha256Hex(reset.token));
    const everything = [...lines, ...commands, ...consoleLines].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), `leaked ${secret.slice(0, 4)}…`).toBe(false);
  });
});
