/** Postgres error classification for repositories (SQLSTATE codes). */
interface PgError {
  code?: string;
  constraint?: string;
}

const asPg = (err: unknown): PgError =>
  typeof err === 'object' && err !== null ? (err as PgError) : {};

/** 23505: a unique constraint or unique index refused the write (optionally a specific one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = asPg(err);
  return pg.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** 40001 / 40P01: the transaction lost a serialization race or a deadlock and may be retried. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = asPg(err).code;
  return code === '40001' || code === '40P01';
}
