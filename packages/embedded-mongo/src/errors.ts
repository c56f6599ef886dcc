/** Server-side errors with mongod's code/codeName, mapped in one place. */
import type { Document } from 'bson';

export const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  4: 'NoSuchKey',
  9: 'FailedToParse',
  11: 'UserNotFound',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  15: 'Overflow',
  17: 'ProtocolError',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  28: 'PathNotViable',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  50: 'MaxTimeMSExpired',
  52: 'DollarPrefixedFieldName',
  56: 'EmptyFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  112: 'WriteConflict',
  121: 'DocumentValidationFailure',
  115: 'CommandNotSupported',
  168: 'InvalidPipelineOperator',
  171: 'CannotIndexParallelArrays',
  197: 'InvalidIndexSpecificationOption',
  225: 'TransactionTooOld',
  244: 'TransactionAborted',
  251: 'NoSuchTransaction',
  256: 'TransactionCommitted',
  263: 'OperationNotSupportedInTransaction',
  10334: 'BSONObjectTooLarge',
  11000: 'DuplicateKey',
  13297: 'DatabaseDifferCase',
  17419: 'Location17419',
  40324: 'Location40324',
};

export class MongoServerError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;
  readonly errorLabels: string[];
  constructor(code: number, message: string, extra: Document = {}, errorLabels: string[] = []) {
    super(message);
    this.code = code;
    this.codeName = CODE_NAMES[code] ?? `Location${code}`;
    this.extra = extra;
    this.errorLabels = errorLabels;
  }
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.errorLabels.length) reply.errorLabels = this.errorLabels;
    return reply;
  }
  /** Shape used inside writeErrors arrays. */
  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

export const err = (code: number, message: string, extra?: Document, labels?: string[]): MongoServerError =>
  new MongoServerError(code, message, extra, labels);

/** Converts anything thrown while executing a command into a MongoServerError. */
export function toServerError(e: unknown): MongoServerError {
  if (e instanceof MongoServerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  // mingo reports unsupported operators as plain errors: answer with mongod's code, naming the operator.
  let m: RegExpMatchArray | null;
  if ((m = message.match(/unregistered pipeline operator (\$\w+)/))) return new MongoServerError(40324, `Unrecognized pipeline stage name: '${m[1]}'`);
  if ((m = message.match(/(\$text|\$near|\$nearSphere|\$geoWithin|\$geoIntersects|\$within)\b/)))
    return new MongoServerError(2, `${m[1]} is not supported by the embedded server (no text or geospatial indexes)`);
  if ((m = message.match(/unknown query operator (\$\w+)/))) return new MongoServerError(2, `unknown operator: ${m[1]}`);
  if ((m = message.match(/accumulator '(\$\w+)' is not registered/))) return new MongoServerError(168, `Unrecognized expression '${m[1]}'`);
  if (/jsonSchemaValidator/.test(message)) return new MongoServerError(2, '$jsonSchema is not supported by the embedded server');
  if ((m = message.match(/(?:expression|operator) '?(\$\w+)'? is not registered|unknown (?:expression )?operator:? '?(\$\w+)/i)))
    return new MongoServerError(168, `Unrecognized expression '${m[1] ?? m[2]}'`);
  if ((m = message.match(/(\$where|\$function|\$accumulator)|scriptEnabled/)))
    return new MongoServerError(2, `${m[1] ?? '$where/$function/$accumulator'}: server-side JavaScript is not supported by the embedded server`);
  if (/unknown|not supported|invalid|unrecognized|not registered|unregistered/i.test(message)) return new MongoServerError(2, message);
  return new MongoServerError(1, message);
}
