import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { enqueueMail, mailOutbox, startOutboxWorker } from '../src/index.ts';
import { capturingLogger, catcher, databaseServer, silentLogger, transportTo, waitFor } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('outbox worker', () => {
  it('logs id, template, attempt and outcome, never the address or the content', async () => {
    const db = await server.connect();
    const up = await catcher();
    const down = await catcher();
    await down.stop();
    const to = 'zelda.secretname@example.test';
    const data = { name: 'Zelda Secretname', verifyUrl: 'https://app.leadgraph.test/verify?token=tok-SECRET-42' };
    const sent = await enqueueMail(db, { template: 'welcome-verify', to, data });
    const { logger, lines } = capturingLogger();

    const good = startOutboxWorker({ db, transport: transportTo(up.smtpUrl), logger, poll: false });
    onTestFinished(() => good.stop());
    expect(await good.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });

    const failing = await enqueueMail(db, { template: 'password-reset', to, data: { name: data.name, resetUrl: data.verifyUrl } });
    const bad = startOutboxWorker({
      db,
      transport: transportTo(down.smtpUrl),
      logger,
      poll: false,
      maxAttempts: 2,
      backoff: { baseMs: 1, maxMs: 1 },
    });
    onTestFinished(() => bad.stop());
    await waitFor(async () => (await bad.runOnce()).failed === 1, 10_000, 'failed');

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => [e.messageId, e.template, e.attempt, e.outcome])).toEqual([
      [sent.id, 'welcome-verify', 1, 'sent'],
      [failing.id, 'password-reset', 1, 'retry'],
      [failing.id, 'password-reset', 2, 'failed'],
    ]);
    const stored = await mailOutbox(db).findById(sent.id).lean();
    const secrets = [to, 'zelda', 'Secretname', 'tok-SECRET-42', stored?.subject ?? 'missing', 'Reset your'];
    for (const line of lines) {
      for (const secret of secrets) expect(line.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it('stop() waits for the send in flight, then claims nothing more', async () => {
    const db = await server.connect();
    let dataStarted = false;
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onData(stream, _session, callback) {
        dataStarted = true;
        stream.resume();
        stream.on('end', () => setTimeout(() => callback(), 400));
      },
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => slow.close(resolve)));
    const port = (slow.server.address() as AddressInfo).port;

    const first = await enqueueMail(db, { template: 'hired', to: 'pro1@example.test', data: { leadTitle: 'Kitchen', leadUrl: 'https://app.leadgraph.test/l/1' } });
    const second = await enqueueMail(db, { template: 'hired', to: 'pro2@example.test', data: { leadTitle: 'Garden', leadUrl: 'https://app.leadgraph.test/l/2' } });
    const worker = startOutboxWorker({ db, transport: transportTo(`smtp://127.0.0.1:${port}`), logger: silentLogger, intervalMs: 10 });
    onTestFinished(() => worker.stop());

    await waitFor(() => dataStarted, 10_000, 'the first DATA');
    await worker.stop();
    // Whichever of the two was claimed first was sent and recorded; the other was never claimed.
    const docs = await mailOutbox(db).find({ _id: { $in: [first.id, second.id] } }, { status: 1, attempts: 1 }).lean();
    expect(docs.map((d) => `${d.status}/${d.attempts}`).sort()).toEqual(['pending/0', 'sent/1']);
  });
});
