/** Preparing client input for mingo: JS regexes from BSON regexes, refusal of server-side JavaScript. */
import { err } from '../errors.ts';
import { isPlainObject } from './paths.ts';

const SCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator']);

/** Refuses server-side JavaScript anywhere in a filter, pipeline or expression, naming the operator. */
export function rejectScripts(v: unknown, depth = 0): void {
  if (depth > 200 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const e of v) rejectScripts(e, depth + 1);
    return;
  }
  if (!isPlainObject(v)) return;
  for (const k of Object.keys(v)) {
    if (SCRIPT_OPERATORS.has(k)) throw err(2, `${k}: server-side JavaScript is not supported by the embedded server`);
    rejectScripts(v[k], depth + 1);
  }
}

/** Strips whitespace and #-comments of an extended ('x') pattern. */
function unextend(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/**
 * Stored regex values stay BSONRegExp (so options such as 'x' round-trip); filters and expressions
 * get JS RegExps, which is what matching needs.
 */
export function jsRegexes<T>(v: T, depth = 0): T {
  if (v === null || typeof v !== 'object' || depth > 200) return v;
  if ((v as { _bsontype?: string })._bsontype === 'BSONRegExp') {
    const r = v as unknown as { pattern: string; options: string };
    const flags = [...new Set(r.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
    try {
      return new RegExp(r.options.includes('x') ? unextend(r.pattern) : r.pattern, flags) as T;
    } catch {
      throw err(51091, `Regular expression is invalid: ${r.pattern}`);
    }
  }
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((e, i) => {
      const n = jsRegexes(e, depth + 1);
      if (n !== e) (out ??= [...v])[i] = n;
    });
    return (out ?? v) as T;
  }
  if (!isPlainObject(v)) return v;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(v)) {
    const e = v[k];
    const n = jsRegexes(e, depth + 1);
    if (n !== e) (out ??= { ...v })[k] = n;
  }
  return (out ?? v) as T;
}
