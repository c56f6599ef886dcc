/** What can be wrong with a personal-data declaration; each has a stable code. */
export type DeclarationProblemCode =
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_PURPOSE'
  | 'NO_PURPOSE'
  | 'UNKNOWN_LEGAL_BASIS'
  | 'UNKNOWN_MASK'
  | 'UNKNOWN_ERASURE'
  | 'INVALID_DURATION'
  | 'LEGAL_HOLD_WITHOUT_DURATION'
  | 'DURATION_WITHOUT_LEGAL_HOLD'
  | 'MISSING_DATA_SUBJECT'
  | 'UNKNOWN_SUBJECT_FIELD'
  | 'EMPTY_DATA_SUBJECT'
  | 'PERSONAL_ON_INTERFACE_FIELD'
  | 'MASK_NEEDS_NULLABLE_FIELD'
  | 'MASK_TYPE_MISMATCH';

export interface DeclarationProblem {
  code: DeclarationProblemCode;
  /** `Type.field` or `Type` the problem is about. */
  coordinate: string;
  message: string;
}

/** Thrown by `readPersonalDeclarations`: every problem found, not just the first. */
export class PersonalDeclarationError extends Error {
  readonly problems: readonly DeclarationProblem[];

  constructor(problems: readonly DeclarationProblem[]) {
    const lines = problems.map((problem) => `  - [${problem.code}] ${problem.coordinate}: ${problem.message}`);
    super(`Invalid personal-data declarations (${problems.length}):\n${lines.join('\n')}`);
    this.name = 'PersonalDeclarationError';
    this.problems = problems;
  }
}
