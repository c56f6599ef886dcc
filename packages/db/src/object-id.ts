import { Types } from 'mongoose';

const OBJECT_ID_HEX = /^[0-9a-f]{24}$/i;

/** True for a 24-character hex ObjectId string (12-byte strings are not accepted as ids). */
export function isObjectIdHex(value: string): boolean {
  return OBJECT_ID_HEX.test(value);
}

/** The ObjectId for a 24-character hex string, or null when it is not one. */
export function parseObjectId(value: string): Types.ObjectId | null {
  return isObjectIdHex(value) ? new Types.ObjectId(value) : null;
}
