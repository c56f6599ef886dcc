/** Size limits advertised in hello and enforced on input, identical to mongod's defaults. */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;
/** Commands themselves may exceed the document limit slightly (mongod allows 16 KiB headroom). */
export const MAX_COMMAND_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;
export const MIN_WIRE_VERSION = 0;
export const MAX_WIRE_VERSION = 21;
