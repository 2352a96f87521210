import { dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '@shopmesh/platform';

// ~49,000 passwords seen most often in breach corpora, as zxcvbn-ts ships them (lower case).
const COMMON = new Set(dictionary['passwords-common']);

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);

/** True for one character repeated (`aaaaaaaa`, eight spaces) or a straight run (`abcdefgh`, `87654321`). */
function isRepetitiveOrSequential(password: string): boolean {
  const points = codePoints(password.toLowerCase());
  const steps = new Set(points.slice(1).map((p, i) => p - points[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/**
 * Why `password` may not be used by the account `email`, or undefined when it may: NIST SP 800-63B
 * 3.1.1.2 asks for at least 8 characters (the request schema checks that) compared against breached and
 * common passwords, repetitive or sequential characters and context words, and no composition rules.
 */
export function passwordProblem(password: string, email: string): string | undefined {
  const lower = password.toLowerCase();
  const context = [email.toLowerCase(), email.toLowerCase().split('@')[0]!];
  if (COMMON.has(lower) || COMMON.has(lower.trim())) return 'is one of the most common passwords found in data breaches; choose another';
  if (isRepetitiveOrSequential(password)) return 'is a repeated character or a straight sequence; choose another';
  if (context.includes(lower)) return 'must not be the e-mail address or its name part';
  return undefined;
}

/** Throws a 400 naming `body.password` and why, when the password may not be used. */
export function assertUsablePassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw invalidField('body.password', problem);
}
