import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { enqueueMail, mailOutbox, startOutboxWorker, type OutboxWorkerOptions } from '../src/index.ts';
import { catcher, databaseServer, portOf, silentLogger, sleep, transportTo, verifyData, waitFor } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

/** A worker stopped when the test ends. */
function worker(options: Omit<OutboxWorkerOptions, 'logger'> & Partial<Pick<OutboxWorkerOptions, 'logger'>>) {
  const started = startOutboxWorker({ logger: silentLogger, ...options });
  onTestFinished(() => started.stop());
  return started;
}

describe('outbox', () => {
  it('delivers an enqueued mail to the SMTP server once', async () => {
    const db = await server.connect();
    const mail = await catcher();
    const { id, created } = await enqueueMail(db, { template: 'welcome-verify', to: 'ann@example.test', data: verifyData(1) });
    expect(created).toBe(true);

    const w = worker({ db, transport: transportTo(mail.smtpUrl), intervalMs: 25 });
    await waitFor(async () => (await mailOutbox(db).findById(id))?.status === 'sent', 10_000, 'sent');
    await w.runOnce();

    const received = mail.messages();
    expect(received).toHaveLength(1);
    expect(received[0]?.envelope.to).toEqual(['ann@example.test']);
    expect(received[0]?.subject).toBe('Welcome to leadgraph: confirm your email address');
    expect(received[0]?.text).toContain('https://app.leadgraph.test/verify?token=tok-1');
    const doc = await mailOutbox(db).findById(id).lean();
    expect(doc).toMatchObject({ status: 'sent', attempts: 1, template: 'welcome-verify' });
    expect(doc?.sentAt).toBeInstanceOf(Date);
    expect(doc?.lease).toBeUndefined();
  });

  it('keeps a mail pending while SMTP is down, then delivers it exactly once', async () => {
    const db = await server.connect();
    const down = await catcher();
    const smtpUrl = down.smtpUrl;
    await down.stop(); // nothing listens on this port now
    const { id } = await enqueueMail(db, { template: 'password-reset', to: 'bo@example.test', data: { resetUrl: 'https://app.leadgraph.test/reset?token=r1' } });
    const w = worker({ db, transport: transportTo(smtpUrl), poll: false, backoff: { baseMs: 300, maxMs: 1_000 } });

    const before = Date.now();
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const pending = await mailOutbox(db).findById(id).lean();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending?.lastError).toBe('ESOCKET'); // connection refused
    expect(pending?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 300);
    // Not due yet: an immediate pass leaves it alone.
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const up = await catcher(portOf(smtpUrl));
    await waitFor(async () => (await w.runOnce()).sent === 1, 5_000, 'the retry');
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(up.messages()).toHaveLength(1);
    expect(await mailOutbox(db).findById(id).lean()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two workers on one outbox deliver each mail exactly once', async () => {
    const db = await server.connect();
    const second = await server.connect(db.name); // another connection, as another instance would have
    const mail = await catcher();
    const count = 24;
    for (let i = 0; i < count; i++) {
      await enqueueMail(db, { template: 'welcome-verify', to: `user${i}@example.test`, data: verifyData(i) });
    }
    worker({ db, transport: transportTo(mail.smtpUrl), intervalMs: 5, batchSize: 3, workerId: 'a' });
    worker({ db: second, transport: transportTo(mail.smtpUrl), intervalMs: 5, batchSize: 3, workerId: 'b' });

    await waitFor(async () => (await mailOutbox(db).countDocuments({ status: 'sent' })) === count, 20_000, 'all sent');
    await sleep(100); // a few more passes of both workers
    const recipients = mail.messages().flatMap((m) => m.envelope.to).sort();
    expect(recipients).toEqual(Array.from({ length: count }, (_, i) => `user${i}@example.test`).sort());
    expect(await mailOutbox(db).countDocuments({ attempts: 1, status: 'sent' })).toBe(count);
  });

  it('a repeated dedupeKey is a no-op', async () => {
    const db = await server.connect();
    const mail = await catcher();
    const first = await enqueueMail(db, { template: 'welcome-verify', to: 'cy@example.test', data: verifyData('a'), dedupeKey: 'signup:cy' });
    const again = await enqueueMail(db, { template: 'welcome-verify', to: 'cy@example.test', data: verifyData('b'), dedupeKey: 'signup:cy' });
    const other = await enqueueMail(db, { template: 'welcome-verify', to: 'cy@example.test', data: verifyData('c'), dedupeKey: 'signup:cy2' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(other.created).toBe(true);
    expect(await mailOutbox(db).countDocuments()).toBe(2);

    const w = worker({ db, transport: transportTo(mail.smtpUrl), poll: false });
    expect(await w.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const texts = mail.messages().map((m) => m.text);
    expect(texts.filter((t) => t.includes('tok-a'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('tok-b'))).toHaveLength(0);
  });

  it('marks a mail failed after maxAttempts', async () => {
    const db = await server.connect();
    const down = await catcher();
    await down.stop();
    const { id } = await enqueueMail(db, { template: 'welcome-verify', to: 'di@example.test', data: verifyData(2) });
    const w = worker({ db, transport: transportTo(down.smtpUrl), poll: false, maxAttempts: 3, backoff: { baseMs: 1, maxMs: 5 } });

    const totals = { sent: 0, retried: 0, failed: 0 };
    await waitFor(async () => {
      const r = await w.runOnce();
      totals.sent += r.sent;
      totals.retried += r.retried;
      totals.failed += r.failed;
      return totals.failed === 1;
    }, 10_000, 'failed');
    expect(totals).toEqual({ sent: 0, retried: 2, failed: 1 });
    const doc = await mailOutbox(db).findById(id).lean();
    expect(doc).toMatchObject({ status: 'failed', attempts: 3 });
    expect(doc?.lastError).toBe('ESOCKET');
    await sleep(10);
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("takes over a crashed worker's expired lease, and leaves a live lease alone", async () => {
    const db = await server.connect();
    const mail = await catcher();
    const expired = await enqueueMail(db, { template: 'welcome-verify', to: 'ed@example.test', data: verifyData(3) });
    const live = await enqueueMail(db, { template: 'welcome-verify', to: 'fi@example.test', data: verifyData(4) });
    const Outbox = mailOutbox(db);
    await Outbox.updateOne({ _id: expired.id }, { $set: { status: 'sending', attempts: 1, lease: { owner: 'crashed', expiresAt: new Date(Date.now() - 1000) } } });
    await Outbox.updateOne({ _id: live.id }, { $set: { status: 'sending', attempts: 1, lease: { owner: 'busy', expiresAt: new Date(Date.now() + 60_000) } } });

    const w = worker({ db, transport: transportTo(mail.smtpUrl), poll: false });
    expect(await w.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(mail.messages().map((m) => m.envelope.to)).toEqual([['ed@example.test']]);
    expect(await Outbox.findById(expired.id).lean()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await Outbox.findById(live.id).lean()).toMatchObject({ status: 'sending', lease: { owner: 'busy' } });
  });

  it('fails, without sending, a crashed claim that used the last attempt', async () => {
    const db = await server.connect();
    const mail = await catcher();
    const { id } = await enqueueMail(db, { template: 'welcome-verify', to: 'ho@example.test', data: verifyData(7) });
    await mailOutbox(db).updateOne(
      { _id: id },
      { $set: { status: 'sending', attempts: 3, lease: { owner: 'crashed', token: 't', expiresAt: new Date(Date.now() - 1) } } },
    );

    const w = worker({ db, transport: transportTo(mail.smtpUrl), poll: false, maxAttempts: 3 });
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(mail.messages()).toEqual([]);
    expect(await mailOutbox(db).findById(id).lean()).toMatchObject({ status: 'failed', attempts: 4, lastError: 'LEASE_EXPIRED' });
  });

  it('fails at once on a permanent SMTP answer (550 unknown mailbox)', async () => {
    const db = await server.connect();
    const rejecting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => rejecting.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => rejecting.close(resolve)));
    const port = (rejecting.server.address() as AddressInfo).port;
    const { id } = await enqueueMail(db, { template: 'welcome-verify', to: 'gone@example.test', data: verifyData(5) });

    const w = worker({ db, transport: transportTo(`smtp://127.0.0.1:${port}`), poll: false, maxAttempts: 5 });
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await mailOutbox(db).findById(id).lean()).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'EENVELOPE:SMTP_550',
    });
  });

  it('refuses a recipient that is not one plain address, writing nothing', async () => {
    const db = await server.connect();
    for (const to of ['', 'not-an-address', 'a@b.test, c@d.test', 'Ann <ann@example.test>', 'ann@example.test\r\nBcc: x@y.test']) {
      await expect(enqueueMail(db, { template: 'welcome-verify', to, data: verifyData(6) })).rejects.toThrow(TypeError);
    }
    expect(await mailOutbox(db).countDocuments()).toBe(0);
  });
});
