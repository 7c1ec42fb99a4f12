/** Operator passwords: bcrypt (bcryptjs, pure JavaScript: nothing to download at install time). */
import bcrypt from 'bcryptjs';

/** Cost 12 ≈ a quarter of a second on a server core: slow for guessing, fine for one sign-in. */
export const BCRYPT_COST = 12;
export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the user name is unknown, so both cases take as long. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash('not-a-real-password', BCRYPT_COST);
  return dummy;
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 72) return 'at most 72 characters (bcrypt reads no further)';
  return null;
}
