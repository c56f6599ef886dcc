import { Types, type Model } from 'mongoose';

/**
 * Documents by id in one `$in` query, returned in the order of `ids` with null for a
 * missing one: the shape a DataLoader batch function must return. `ids` must be valid
 * 24-character hex ObjectIds (lowercase, as `parseObjectId(...).toHexString()` gives).
 */
export async function findByIds<T extends { _id: Types.ObjectId }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; the caller names T
  model: Model<any, {}, {}, any>,
  ids: readonly string[],
): Promise<Array<T | null>> {
  const unique = [...new Set(ids)];
  const docs = await model.find({ _id: { $in: unique.map((id) => new Types.ObjectId(id)) } }).lean<T[]>();
  const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
  return ids.map((id) => byId.get(id) ?? null);
}
