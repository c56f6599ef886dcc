import { describe, expect, it } from 'vitest';
import { Schema } from 'mongoose';
import { readPersonalDeclarations } from '../src/declarations.ts';
import { declarePersonalStorage } from '../src/storage.ts';
import { checkPersonalStorage, collectionsByField, looksPersonal, pathWords, storedPaths } from '../src/storage-check.ts';
import { TOY_SDL } from './toy-subgraph.ts';

const declarations = readPersonalDeclarations(TOY_SDL);

/** A users collection as a subgraph would declare it: every personal-looking path mapped or waived. */
function usersSchema() {
  const schema = new Schema(
    {
      name: String,
      email: String,
      passwordHash: String,
      role: String,
      address: { street: String, city: String, postcode: String },
      lease: new Schema({ owner: String, token: String }, { _id: false }),
    },
    { collection: 'users' },
  );
  declarePersonalStorage(schema, {
    paths: {
      name: 'User.name',
      email: 'User.email',
      address: 'User.address',
      passwordHash: { waiver: 'argon2id hash, never exposed; erased with the account' },
    },
    subjects: { _id: ['name', 'email', 'address', 'passwordHash'] },
  });
  return schema;
}

describe('looksPersonal', () => {
  it('splits paths into words and matches whole words only', () => {
    expect(pathWords('lastIpAddress')).toEqual(['last', 'ip', 'address']);
    expect(pathWords('contact.phone_number')).toEqual(['contact', 'phone', 'number']);
    for (const path of ['email', 'companyName', 'clientIp', 'dateOfBirth', 'iban', 'location.postalCode', 'body', 'items.message']) {
      expect(looksPersonal(path), path).toBe(true);
    }
    for (const path of ['status', 'role', 'createdAt', 'clientId', 'recipe', 'lease.owner', 'shipment']) {
      expect(looksPersonal(path), path).toBe(false);
    }
  });
});

describe('storedPaths', () => {
  it('lists nested objects and sub-document paths', () => {
    expect(storedPaths(usersSchema())).toEqual(
      expect.arrayContaining(['name', 'address.street', 'address.city', 'lease.owner', 'lease.token', '_id']),
    );
  });
});

describe('checkPersonalStorage', () => {
  it('accepts a completely declared schema (mapped paths, a parent covering sub-paths, a waiver)', () => {
    expect(checkPersonalStorage([{ schema: usersSchema(), source: 'users.ts:1' }], declarations)).toEqual([]);
  });

  it('catches an undeclared personal-looking field and says exactly what to add', () => {
    const schema = usersSchema();
    schema.add({ phoneNumber: String });
    const problems = checkPersonalStorage([{ schema, source: 'users.ts:1' }], declarations);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'UNDECLARED_PERSONAL_PATH', collection: 'users', path: 'phoneNumber', source: 'users.ts:1' });
    expect(problems[0]!.message).toContain("declarePersonalStorage(<schema>, { paths: { 'phoneNumber': '<Type.field with @personal>' } })");
    expect(problems[0]!.message).toContain("{ 'phoneNumber': { waiver: '");
  });

  it('accepts the same field once waived with a reason, refuses an empty waiver', () => {
    const schema = usersSchema();
    schema.add({ phoneNumber: String, billingText: String });
    declarePersonalStorage(schema, { paths: { phoneNumber: { waiver: 'a test fixture: never stored for real' }, billingText: { waiver: 'n/a' } } });
    const problems = checkPersonalStorage([{ schema, source: 'users.ts:1' }], declarations);
    expect(problems.map((p) => [p.code, p.path])).toEqual([['WAIVER_WITHOUT_REASON', 'billingText']]);
  });

  it('refuses a mapping to a field without @personal and a declared path the schema does not store', () => {
    const schema = usersSchema();
    declarePersonalStorage(schema, { paths: { role: 'User.role', nickname: 'User.name' } });
    const problems = checkPersonalStorage([{ schema, source: 'users.ts:1' }], declarations);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['NOT_A_PERSONAL_FIELD', 'role'],
      ['UNKNOWN_PATH', 'nickname'],
    ]);
  });

  it('checks sub-documents as part of their parent and needs a collection for personal top-level schemas', () => {
    const child = new Schema({ text: String }, { _id: false });
    const parent = new Schema({ items: [child] }, { collection: 'threads' });
    const orphan = new Schema({ email: String });
    const problems = checkPersonalStorage(
      [{ schema: child, source: 'a.ts:1' }, { schema: parent, source: 'a.ts:2' }, { schema: orphan, source: 'b.ts:1' }],
      declarations,
    );
    expect(problems.map((p) => [p.code, p.collection, p.path])).toEqual([
      ['UNDECLARED_PERSONAL_PATH', 'threads', 'items.text'],
      ['NO_COLLECTION', '?', ''],
    ]);
  });

  it('reports a personal-looking parent once, and leaves times, flags and references alone (a date of birth excepted)', () => {
    const schema = new Schema(
      { contact: { email: String, phone: String }, lastMessageAt: Date, emailVerified: Boolean, messageId: Schema.Types.ObjectId, birthDate: Date },
      { collection: 'threads' },
    );
    const problems = checkPersonalStorage([{ schema, source: 'threads.ts:1' }], declarations);
    expect(problems.map((p) => p.path)).toEqual(['contact', 'birthDate']);
  });
});

describe('collectionsByField', () => {
  it('maps each declared field to the collections storing it', () => {
    const byField = collectionsByField([{ schema: usersSchema(), source: 'users.ts:1' }]);
    expect(byField.get('User.email')).toEqual(['users']);
    expect(byField.has('User.passwordHash')).toBe(false);
  });
});

describe('checkPersonalStorage: subjects and dating', () => {
  function schemaWith(declaration: Partial<Parameters<typeof declarePersonalStorage>[1]>) {
    const schema = new Schema({ ownerId: Schema.Types.ObjectId, name: String, email: String }, { collection: 'cards' });
    declarePersonalStorage(schema, { paths: { name: 'User.name', email: 'User.email' }, ...declaration });
    return schema;
  }
  const codes = (schema: Schema) => checkPersonalStorage([{ schema, source: 'cards.ts:1' }], declarations).map((p) => [p.code, p.path]);

  it('needs the subject paths of a collection with personal paths, or a waiver with a reason', () => {
    expect(codes(schemaWith({}))).toEqual([['NO_SUBJECT_PATHS', '']]);
    expect(codes(schemaWith({ subjectsWaiver: 'short' }))).toEqual([['NO_SUBJECT_PATHS', '']]);
    expect(codes(schemaWith({ subjectsWaiver: 'visitors without an account, erased by their own job' }))).toEqual([]);
    expect(codes(schemaWith({ subjects: { ownerId: ['name', 'email'] } }))).toEqual([]);
  });

  it('refuses unknown subject and owned paths, and a personal path no subject owns', () => {
    expect(codes(schemaWith({ subjects: { ownerIdd: ['name', 'email', 'phone'] } }))).toEqual([
      ['UNKNOWN_SUBJECT_PATH', 'ownerIdd'],
      ['UNKNOWN_OWNED_PATH', 'phone'],
    ]);
    expect(codes(schemaWith({ subjects: { ownerId: ['name'] } }))).toEqual([['UNOWNED_PERSONAL_PATH', 'email']]);
  });
});
