export { enqueueMail, type EnqueueMailInput, type EnqueueMailResult } from './outbox/enqueue.ts';
export {
  startOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type PassResult,
} from './outbox/worker.ts';
export {
  MAIL_COLLECTION,
  MAIL_STATUSES,
  ensureOutboxIndexes,
  mailOutbox,
  type MailMessage,
  type MailStatus,
} from './outbox/model.ts';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export {
  createTransport,
  isPermanentSendError,
  sendErrorCode,
  type MailTransport,
  type OutgoingMail,
  type SmtpTransportOptions,
} from './transport.ts';
export {
  PASSWORD_RESET_VALID_MINUTES,
  PRIVACY_CODE_VALID_MINUTES,
  PRODUCT_NAME,
  TEMPLATE_NAMES,
  isTemplateName,
  renderTemplate,
  templates,
  type RenderedMail,
  type Template,
  type TemplateData,
  type TemplateName,
} from './templates/index.ts';
export { escapeHtml } from './html.ts';
export { loadMailConfig, mailConfigSpec, type MailConfig } from './config.ts';
export { startMailDelivery } from './service.ts';
export { startMailCatcher, type MailCatcher, type MailCatcherOptions } from './catcher/catcher.ts';
export type { CaughtMail } from './catcher/store.ts';
