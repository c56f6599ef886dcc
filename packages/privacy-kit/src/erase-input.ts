/**
 * Input checks of contracts P2 (`eraseDataSubject`) and P3 (`scanForValues`), shared by every
 * subgraph so they refuse the same inputs; each subgraph turns a problem into its own domain
 * error (`BAD_USER_INPUT`). Messages name the field, never the value.
 */

export interface PrivacyInputProblem {
  /** `input.subjectId`, `input.values`... */
  field: string;
  /** `id` for a malformed id, `input` for anything else. */
  kind: 'id' | 'input';
  message: string;
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Most values one scan searches for (an export of one person gives far fewer). */
export const MAX_SCAN_VALUES = 5000;
/** Longest value searched (longer free text is searched by its parts by the caller). */
export const MAX_SCAN_VALUE_LENGTH = 10_000;

export function checkEraseInput(input: { subjectId: string; requestId: string }): PrivacyInputProblem | null {
  if (!OBJECT_ID.test(input.subjectId)) return { field: 'input.subjectId', kind: 'id', message: 'input.subjectId: not a user id' };
  if (!OBJECT_ID.test(input.requestId)) return { field: 'input.requestId', kind: 'id', message: 'input.requestId: not a request id' };
  return null;
}

export function checkScanInput(input: { values: readonly string[] }): PrivacyInputProblem | null {
  if (input.values.length > MAX_SCAN_VALUES) {
    return { field: 'input.values', kind: 'input', message: `input.values: at most ${MAX_SCAN_VALUES} values` };
  }
  if (input.values.some((value) => value.length > MAX_SCAN_VALUE_LENGTH)) {
    return { field: 'input.values', kind: 'input', message: `input.values: a value is longer than ${MAX_SCAN_VALUE_LENGTH} characters` };
  }
  return null;
}
