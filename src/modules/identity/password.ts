// Password hashing (argon2id) and the password policy, in one place.
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;
const COMMON = new Set<string>((dictionary as Record<string, string[]>)['passwords-common'].map((p) => p.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random string, verified against when the account does not exist, so timing reveals nothing. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not-a-real-password-' + Math.random()));
}

export type PasswordProblem = 'auth.password.tooShort' | 'auth.password.common' | 'auth.password.tooLong';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'auth.password.tooShort';
  if (password.length > 256) return 'auth.password.tooLong';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'auth.password.common';
  // A common password padded with repeats or digits ("password1234", "qwertyqwerty") is still common.
  const stripped = lower.replace(/[\d\W_]+$/, '');
  if (stripped.length >= 4 && COMMON.has(stripped)) return 'auth.password.common';
  if (/^(.{1,4})\1+$/.test(lower)) return 'auth.password.common';
  for (const c of context) {
    if (c && c.length >= 4 && lower.includes(c.toLowerCase())) return 'auth.password.common';
  }
  return null;
}
