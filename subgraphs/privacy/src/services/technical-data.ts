import { Types } from 'mongoose';
import { z } from 'zod';
import { PrivacyError, PrivacyErrorCode, invalidInput } from '../errors.ts';
import type { ConsentRecordModel } from '../models/consent-record.ts';
import { TECHNICAL_DATA_RETENTION_MONTHS, type TechnicalEventModel } from '../models/technical-event.ts';
import { addMonths } from './calendar.ts';
import { latestRecords, purposeState } from './consent-state.ts';
import type { ConsentSubject } from './consent-subject.ts';
import { truncateIp } from './truncate-ip.ts';
import { parseUserAgent } from './user-agent.ts';

export const pageViewInput = z.object({
  page: z.string().trim().min(1).max(500).startsWith('/'),
  referrer: z.string().max(2_000).nullish(),
});

/** The page's path only: a query string or fragment may carry personal data (tokens, emails). */
export function pagePath(page: string): string {
  return page.split(/[?#]/, 1)[0]!;
}

/** The referrer's origin only (`https://example.com`), or null when it is not an http(s) URL. */
export function referrerOrigin(referrer: string | null | undefined): string | null {
  if (referrer === null || referrer === undefined || referrer === '') return null;
  try {
    const url = new URL(referrer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Records a page view — only with ANALYTICS consent of the caller (signed-in user or visitor):
 * without it the view is refused with CONSENT_REQUIRED and nothing is stored. The IP is
 * truncated (IPv4 /24, IPv6 /48), the user agent reduced to device class and browser family,
 * the page to its path, the referrer to its origin; the record expires after 12 months.
 */
export async function recordPageView(options: {
  events: TechnicalEventModel;
  consent: ConsentRecordModel;
  subject: ConsentSubject | null;
  clientIp: string | null;
  userAgent: string | null;
  now: Date;
  input: z.input<typeof pageViewInput>;
}): Promise<true> {
  const parsed = pageViewInput.safeParse(options.input);
  if (!parsed.success) throw invalidInput('page must be a path starting with "/" (1–500 characters)');
  const { subject, now } = options;
  const analytics = subject === null ? undefined : (await latestRecords(options.consent, subject)).get('ANALYTICS');
  if (subject === null || !purposeState('ANALYTICS', analytics).granted) {
    throw new PrivacyError(PrivacyErrorCode.ConsentRequired, 'Analytics needs consent: the page view was not recorded');
  }
  const { device, browser } = parseUserAgent(options.userAgent);
  await options.events.create({
    kind: 'PAGE_VIEW',
    userId: subject.kind === 'user' ? subject.userId : null,
    visitorId: subject.kind === 'visitor' ? subject.visitorId : null,
    ipAddress: truncateIp(options.clientIp),
    device,
    browser,
    page: pagePath(parsed.data.page),
    referrer: referrerOrigin(parsed.data.referrer),
    occurredAt: now,
    expiresAt: addMonths(now, TECHNICAL_DATA_RETENTION_MONTHS),
  });
  return true;
}

export const securityEventInput = z.object({
  userId: z.string().refine((id) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id), 'userId'),
  event: z.string().regex(/^[A-Z_]{1,64}$/),
  clientIp: z.string().max(64).nullish(),
  userAgent: z.string().max(2_000).nullish(),
});

/**
 * Records a security event a service reports (legitimate interests: securing the platform, no
 * consent needed). The IP is kept whole — security needs it — and still expires after 12 months.
 */
export async function recordSecurityEvent(events: TechnicalEventModel, now: Date, input: z.input<typeof securityEventInput>): Promise<true> {
  const parsed = securityEventInput.safeParse(input);
  if (!parsed.success) throw invalidInput('userId must be an ObjectId and event 1–64 characters of A-Z and _');
  const { device, browser } = parseUserAgent(parsed.data.userAgent);
  await events.create({
    kind: 'SECURITY',
    userId: new Types.ObjectId(parsed.data.userId),
    securityEvent: parsed.data.event,
    ipAddress: parsed.data.clientIp ?? null,
    device,
    browser,
    occurredAt: now,
    expiresAt: addMonths(now, TECHNICAL_DATA_RETENTION_MONTHS),
  });
  return true;
}
