import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { enqueueMail, loadMailConfig, startMailDelivery } from '../src/index.ts';
import { catcher, databaseServer, silentLogger, waitFor } from './helpers.ts';

const server = databaseServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('startMailDelivery', () => {
  it('delivers the outbox with the transport, From and timing from the mail config', async () => {
    const db = await server.connect();
    const mail = await catcher();
    const config = loadMailConfig({
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: 'Leadgraph Support <support@leadgraph.test>',
      MAIL_OUTBOX_INTERVAL_MS: '20',
    });
    const delivery = await startMailDelivery({ db, logger: silentLogger, config });
    onTestFinished(() => delivery.stop());

    await enqueueMail(db, {
      template: 'new-response',
      to: 'gil@example.test',
      data: { leadTitle: 'Roof repair', proName: 'Hana Roofs', responseUrl: 'https://app.leadgraph.test/r/9' },
      dedupeKey: 'response:9',
    });
    await waitFor(() => mail.messages().length === 1, 10_000, 'delivery');
    expect(mail.messages()[0]).toMatchObject({
      from: '"Leadgraph Support" <support@leadgraph.test>',
      envelope: { from: 'support@leadgraph.test', to: ['gil@example.test'] },
      subject: 'Hana Roofs responded to "Roof repair"',
    });
  });
});
