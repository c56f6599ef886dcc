import { describe, expect, it } from 'vitest';
import { AuthErrorCode, COMMON_PASSWORDS, PasswordProblemCode, assertPasswordPolicy, checkPasswordPolicy, isAuthError } from '../src/index.ts';

const codes = (password: string, person?: { email?: string; name?: string }) => checkPasswordPolicy(password, person).map((p) => p.code);

describe('checkPasswordPolicy', () => {
  it('accepts a long uncommon passphrase', () => {
    expect(checkPasswordPolicy('violet tractor seventeen lamps', { email: 'ann.lee@example.test', name: 'Ann Lee' })).toEqual([]);
  });

  it('refuses fewer than 10 characters, counting characters not bytes', () => {
    expect(codes('Zq8!vL2#p')).toEqual([PasswordProblemCode.TooShort]);
    expect(codes('Zq8!vL2#pw')).toEqual([]);
    expect(codes('éàüöçñßøåæ')).toEqual([]); // 10 characters, 20 bytes
  });

  it('refuses more than 128 bytes, counting UTF-8 bytes', () => {
    expect(codes('a1b2c3d4'.repeat(16))).toEqual([]); // 128 bytes
    expect(codes(`${'a1b2c3d4'.repeat(16)}x`)).toEqual([PasswordProblemCode.TooLong]);
    expect(codes('éüö'.repeat(22))).toEqual([PasswordProblemCode.TooLong]); // 66 characters, 132 bytes
  });

  it('refuses common passwords, case-insensitively and with digits or symbols stuck on', () => {
    for (const password of ['1234567890', 'qwertyuiop', 'Password123', 'PASSWORD2024!', 'iloveyou12345', '!!sunshine2024', 'Liverpool1892']) {
      expect(codes(password), password).toContain(PasswordProblemCode.Common);
    }
    expect(codes('aaaaaaaaaaaa')).toContain(PasswordProblemCode.Common);
    expect(codes('abababababab')).toContain(PasswordProblemCode.Common);
  });

  it('has a few hundred lower-case entries in its list', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
  });

  it('refuses a password containing the email local part (without +tag) or a part of the name', () => {
    expect(codes('Xx-annalee-2099-zz', { email: 'AnnaLee+shop@example.test' })).toEqual([PasswordProblemCode.ContainsEmail]);
    expect(codes('blue-Karlsson-river', { name: 'Eva Karlsson' })).toEqual([PasswordProblemCode.ContainsName]);
    // Two-letter name parts and local parts are too short to matter.
    expect(codes('blue-Bo-river-tiger', { name: 'Bo Li', email: 'bo@example.test' })).toEqual([]);
  });

  it('lists every problem at once, with safe messages that never echo the password', () => {
    const problems = checkPasswordPolicy('ann1', { email: 'ann@example.test' });
    expect(problems.map((p) => p.code)).toEqual([PasswordProblemCode.TooShort, PasswordProblemCode.ContainsEmail]);
    for (const problem of problems) expect(problem.message).not.toContain('ann1');
  });

  it('assertPasswordPolicy throws WEAK_PASSWORD with the problem codes', () => {
    expect(() => assertPasswordPolicy('violet tractor seventeen lamps')).not.toThrow();
    let thrown: unknown;
    try {
      assertPasswordPolicy('password');
    } catch (error) {
      thrown = error;
    }
    expect(isAuthError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: AuthErrorCode.WeakPassword, details: { problems: ['TOO_SHORT', 'COMMON'] } });
  });
});
