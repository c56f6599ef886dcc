import type { Image, LeadCategory, ProProfile } from '../__generated__/resolvers-types.ts';
import { isExportingService } from '@leadgraph/privacy-kit';
import type { Context } from '../context.ts';
import type { ProImageRecord } from '../models/pro-image.ts';
import type { UserRecord } from '../models/user.ts';

/** An image as the API shows it, with its public URL by hash. */
export function imageView(image: ProImageRecord, mediaBaseUrl: string): Image {
  return {
    id: image._id.toHexString(),
    url: `${mediaBaseUrl.replace(/\/+$/, '')}/media/${image.sha256}`,
    contentType: image.contentType,
    byteSize: image.byteSize,
    sha256: image.sha256,
    width: image.width ?? null,
    height: image.height ?? null,
  };
}

/**
 * Whether the caller is the pro, an admin, or the privacy service exporting the pro's data
 * (`personal:export`, issue #6): they see every status, the rejection reason and who decided.
 */
function isOwnerOrAdmin(proId: string, ctx: Context): boolean {
  return ctx.identity.userId === proId || ctx.identity.role === 'admin' || isExportingService(ctx.identity);
}

/**
 * A user's pro profile for this caller: null for non-pros and pros without a profile, and for
 * a profile that is not VERIFIED or whose account is closed, unless the caller is the pro or
 * an admin. Images come through
 * the request's loader (one query for every profile in the response). Contact details are
 * masked afterwards by `applyPersonalData` (`@personal` on the schema).
 */
export async function proProfileView(user: UserRecord, ctx: Context): Promise<ProProfile | null> {
  const profile = user.proProfile;
  if (user.role !== 'pro' || profile == null) return null;
  const proId = user._id.toHexString();
  const privileged = isOwnerOrAdmin(proId, ctx);
  const { verification } = profile;
  // Only validated pros are shown, and a closed account's profile disappears with it.
  if ((verification.status !== 'VERIFIED' || user.disabledAt != null) && !privileged) return null;
  const images = await ctx.loaders.imagesByProId.load(proId);
  const { mediaBaseUrl } = ctx.marketplace;
  const logo = images.find((i) => i.kind === 'LOGO');
  return {
    proId,
    companyName: user.companyName ?? user.name,
    description: profile.description ?? '',
    categories: profile.categories as LeadCategory[],
    serviceAreas: profile.serviceAreas.map((a) => ({ countryCode: a.countryCode, postalPrefix: a.postalPrefix ?? '' })),
    logo: logo === undefined ? null : imageView(logo, mediaBaseUrl),
    images: images.filter((i) => i.kind === 'GALLERY').map((i) => imageView(i, mediaBaseUrl)),
    businessEmail: profile.businessEmail ?? null,
    businessPhone: profile.businessPhone ?? null,
    website: profile.website ?? null,
    verification: {
      proId,
      status: verification.status,
      reason: privileged ? (verification.reason ?? null) : null,
      submittedAt: verification.submittedAt,
      decidedAt: verification.decidedAt ?? null,
      decidedBy: privileged ? (verification.decidedBy ?? null) : null,
    },
    updatedAt: profile.updatedAt,
  };
}
