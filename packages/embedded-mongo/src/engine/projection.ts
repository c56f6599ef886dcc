/** find/findAndModify projections through mingo (including $slice, $elemMatch and positional `$`). */
import type { Document } from 'bson';
import { Query } from 'mingo';
import { err, toServerError } from '../errors.ts';
import { MINGO_OPTIONS } from './mingo.ts';
import { isPlainObject } from './paths.ts';

export function makeProjector(projection: unknown, filter: Document | undefined): ((docs: Document[]) => Document[]) | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw err(2, 'projection must be an object');
  if (Object.keys(projection).length === 0) return undefined;
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  let q: Query;
  try {
    q = new Query(positional && filter ? filter : {}, MINGO_OPTIONS);
  } catch (e) {
    throw toServerError(e);
  }
  return (docs) => {
    try {
      return q.find(docs, projection as never).all() as Document[];
    } catch (e) {
      throw toServerError(e);
    }
  };
}
