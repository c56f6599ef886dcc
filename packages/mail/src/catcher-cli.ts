import { loadMailConfig } from './config.ts';
import { startMailCatcher } from './catcher/catcher.ts';

// Development mail catcher: `pnpm --filter @leadgraph/mail catcher`. Point SMTP_URL at it.
const config = loadMailConfig();
const catcher = await startMailCatcher({
  host: config.MAIL_CATCHER_HOST,
  smtpPort: config.MAIL_CATCHER_SMTP_PORT,
  httpPort: config.MAIL_CATCHER_HTTP_PORT,
});
console.log(`mail catcher SMTP: ${catcher.smtpUrl}`);
console.log(`mail catcher page: ${catcher.httpUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void catcher.stop().then(() => process.exit(0));
  });
}
