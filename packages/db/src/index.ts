export { DEV_MONGODB_PORT, findMongodBinary, resolveMongo } from './resolve-mongo.ts';
export type { MongoHandle, ResolveMongoOptions } from './resolve-mongo.ts';
export { connectDatabase, pingDatabase } from './connect.ts';
export { isObjectIdHex, parseObjectId } from './object-id.ts';
export { findByIds } from './find-by-ids.ts';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  findPage,
  toPageRequest,
} from './pagination.ts';
export type { Edge, Page, PageArgsProblem, PageRequest } from './pagination.ts';
export { redactUri, withDatabase } from './uri.ts';
