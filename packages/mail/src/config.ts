import { loadConfig, vars, type ConfigOf } from '@leadgraph/config';
import { z } from 'zod';

/** The variables a service that sends mail reads; see the README for what each one does. */
export const mailConfigSpec = {
  SMTP_URL: {
    schema: z.string().url().default('smtp://127.0.0.1:1025'),
    description:
      'SMTP server that delivers mail, as smtp[s]://user:pass@host:port; defaults to the local mail catcher',
    sensitive: true,
  },
  MAIL_FROM: {
    schema: z.string().min(3).default('leadgraph <no-reply@leadgraph.local>'),
    description: 'The From header of every service mail',
  },
  MAIL_OUTBOX_INTERVAL_MS: {
    schema: vars.milliseconds(1000),
    description: 'How often the outbox worker looks for due messages',
  },
  MAIL_OUTBOX_BATCH_SIZE: {
    schema: z.coerce.number().int().positive().default(20),
    description: 'How many messages one worker pass sends at most',
  },
  MAIL_OUTBOX_MAX_ATTEMPTS: {
    schema: z.coerce.number().int().positive().default(8),
    description: 'Attempts before a message is marked failed',
  },
  MAIL_CATCHER_HOST: {
    schema: vars.host(),
    description: 'Interface the development mail catcher listens on (loopback)',
  },
  MAIL_CATCHER_SMTP_PORT: {
    schema: vars.port(1025),
    description: 'SMTP port of the development mail catcher',
  },
  MAIL_CATCHER_HTTP_PORT: {
    schema: vars.port(1080),
    description: 'HTTP port of the development mail catcher page',
  },
};

export type MailConfig = ConfigOf<typeof mailConfigSpec>;

export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  return loadConfig(mailConfigSpec, env);
}
