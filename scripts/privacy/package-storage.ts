import type { PersonalStorageDeclaration } from '@leadgraph/privacy-kit';

/**
 * Storage declarations of the shared packages that keep data in a service's database but do
 * not depend on `@leadgraph/privacy-kit` (so cannot call `declarePersonalStorage` next to their
 * schema): applied by collection name to the schemas discovery finds. A package that depends
 * on privacy-kit declares next to its schema instead, like every subgraph.
 */
export const PACKAGE_STORAGE: Readonly<Record<string, PersonalStorageDeclaration>> = {
  // packages/auth/src/session-store.ts (users database)
  sessions: { paths: {} },
  // packages/auth/src/tokens.ts: one-time tokens, `_id` is a hash; nothing personal by name.
  auth_tokens: { paths: {} },
  // packages/auth/src/rate-limit.ts: keys are pseudonyms (HMAC of an email or address).
  rate_limits: { paths: {} },
  // packages/scheduler/src/models.ts (every database running jobs): job names and descriptions written in code.
  scheduler_jobs: {
    paths: {
      name: { waiver: 'the name of a scheduled job, written in code (e.g. retention.technical-data)' },
      description: { waiver: 'what a scheduled job does, written in code; never data' },
    },
  },
  // packages/mail/src/outbox/model.ts (users database)
  mail_outbox: {
    subjectsWaiver: 'mails are addressed by email, not by user id: the users subgraph\'s erasure deletes the subject\'s mails by address (src/privacy/erase.ts)',
    paths: {
      to: 'User.email',
      text: {
        waiver:
          "a rendered service mail (greeting with the recipient's name, links); kept only until it is sent or has failed for good (the worker removes subject, text and HTML then), and erasure deletes the subject's mails by address",
      },
      html: { waiver: 'the HTML form of `text`: same content, same retention' },
    },
  },
};
