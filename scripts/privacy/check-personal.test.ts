import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRepository, formatProblems } from './check-personal.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../packages/privacy-kit/test/fixtures/storage/${name}`, import.meta.url));

describe('check-personal (schemas found by importing the model files, no database)', () => {
  it('catches a personal-looking field added without a declaration, even in a schema the file does not export', async () => {
    const { problems, schemas } = await checkRepository([fixture('undeclared')]);
    expect(schemas).toBe(1);
    expect(problems.map((p) => [p.code, p.collection, p.path])).toEqual([['UNDECLARED_PERSONAL_PATH', 'fixture_contacts_undeclared', 'phoneNumber']]);
    expect(problems[0]!.source).toBe('packages/privacy-kit/test/fixtures/storage/undeclared/contact.ts:5');
    expect(formatProblems(problems)).toContain("declarePersonalStorage(<schema>, { paths: { 'phoneNumber': '<Type.field with @personal>' } })");
  });

  it('accepts the same field waived with a reason', async () => {
    const { problems, schemas } = await checkRepository([fixture('declared')]);
    expect(schemas).toBe(1);
    expect(problems).toEqual([]);
  });
});
