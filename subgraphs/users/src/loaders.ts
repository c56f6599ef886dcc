import DataLoader from 'dataloader';
import { findByIds } from '@leadgraph/db';
import { Types } from 'mongoose';
import type { ProImageModel, ProImageRecord } from './models/pro-image.ts';
import type { ProVerificationAuditModel } from './models/pro-verification-audit.ts';
import type { UserModel, UserRecord } from './models/user.ts';

/** The models of this subgraph, bound to its connection. */
export interface Models {
  User: UserModel;
  ProImage: ProImageModel;
  ProVerificationAudit: ProVerificationAuditModel;
}

/** Every image of each pro in one `$in` query, upload order. */
async function imagesByProIds(ProImage: ProImageModel, proIds: readonly string[]): Promise<ProImageRecord[][]> {
  const ids = [...new Set(proIds)].map((id) => new Types.ObjectId(id));
  const images = await ProImage.find({ proId: { $in: ids } }).sort({ _id: 1 }).lean<ProImageRecord[]>();
  const byPro = new Map<string, ProImageRecord[]>();
  for (const image of images) {
    const key = image.proId.toHexString();
    byPro.set(key, [...(byPro.get(key) ?? []), image]);
  }
  return proIds.map((id) => byPro.get(id) ?? []);
}

/**
 * Per-request batching: N `user` or `_entities` lookups in one operation become one `$in`
 * query, and so do the images of N pro profiles (a page of the verification queue, a list of
 * pros through the gateway).
 */
export function createLoaders(models: Models) {
  return {
    userById: new DataLoader<string, UserRecord | null>((ids) => findByIds<UserRecord>(models.User, ids)),
    imagesByProId: new DataLoader<string, ProImageRecord[]>((ids) => imagesByProIds(models.ProImage, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
