/** A user agent reduced to what security and measurement need: a device class and a browser family. */
export interface CoarseUserAgent {
  device: 'DESKTOP' | 'MOBILE' | 'TABLET' | 'BOT' | 'UNKNOWN';
  browser: 'Chrome' | 'Firefox' | 'Safari' | 'Edge' | 'Other' | null;
}

/**
 * Coarse parsing on purpose: no versions, no OS build, nothing that narrows a person down
 * (a full user agent is a fingerprinting input). Null or empty input gives UNKNOWN / null.
 */
export function parseUserAgent(userAgent: string | null | undefined): CoarseUserAgent {
  const ua = (userAgent ?? '').slice(0, 512);
  if (ua.trim() === '') return { device: 'UNKNOWN', browser: null };
  if (/bot|crawler|spider|headless/i.test(ua)) return { device: 'BOT', browser: 'Other' };
  const device = /ipad|tablet/i.test(ua) ? 'TABLET' : /mobi|iphone|android/i.test(ua) ? 'MOBILE' : /windows|macintosh|x11|linux/i.test(ua) ? 'DESKTOP' : 'UNKNOWN';
  const browser = /edg\//i.test(ua)
    ? 'Edge'
    : /firefox\//i.test(ua)
      ? 'Firefox'
      : /chrome\/|crios\//i.test(ua)
        ? 'Chrome'
        : /safari\//i.test(ua)
          ? 'Safari'
          : 'Other';
  return { device, browser };
}
