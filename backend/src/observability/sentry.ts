/**
 * Sentry, only when SENTRY_DSN is set. `beforeSend` scrubs what must never leave the
 * process: authorization headers, signatures, tokens, phone numbers and message bodies.
 */
import * as Sentry from '@sentry/node';
import type { Config } from '../config';
import type { Logger } from './logger';
import { maskPhonesInText } from '../shared/mask';

const SECRET_KEYS = /authorization|cookie|signature|token|secret|password|api[-_]?key/i;
const BODY_KEYS = /^(text|body|caption|comment|address|name|data)$/i;
/** Identifiers that are not digit runs (BSUIDs, usernames) and exact places: removed whatever their type. */
const PII_KEYS = /^(user_id|bsuid|from_user_id|recipient_user_id|username|lat|lng|latitude|longitude)$/i;
/** Secrets inside URLs, query strings and messages (the verify token, Graph access tokens, bearer credentials). */
const SECRETS_IN_TEXT: [RegExp, string][] = [
  [/((?:hub\.)?verify_token|access_token|api[-_]?key)=[^&\s"']*/gi, '$1=[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]'],
  [/\bEAA[A-Za-z0-9]{20,}/g, '[redacted]'],
];
/** A BSUID (`MX.abc123`, `AR.ENT.abc`) inside free text, e.g. a conversation key `bs:MX.…`. */
const BSUID_IN_TEXT = /\b[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{4,128}\b/g;

function scrubText(text: string): string {
  let out = maskPhonesInText(text);
  for (const [pattern, replacement] of SECRETS_IN_TEXT) out = out.replace(pattern, replacement);
  return out.replace(BSUID_IN_TEXT, '[bsuid]');
}

/** Deep copy with secrets, identifiers, places and message bodies removed and phone numbers masked. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than this is never inspected, so it is never sent either.
  if (depth > 8) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEYS.test(k) || PII_KEYS.test(k)) out[k] = '[redacted]';
    else if (BODY_KEYS.test(k) && typeof v === 'string') out[k] = '[redacted]';
    else out[k] = scrubValue(v, depth + 1);
  }
  return out;
}

export function scrubEvent<T extends Sentry.ErrorEvent>(event: T): T {
  return scrubValue(event) as T;
}

export function initSentry(config: Config, logger: Logger): boolean {
  const onUnhandled = (kind: string) => (err: unknown) => {
    logger.error({ event: kind, err: (err as Error)?.message }, kind);
    if (config.sentry.dsn) Sentry.captureException(err);
  };
  process.on('unhandledRejection', onUnhandled('process.unhandled_rejection'));
  if (!config.sentry.dsn) return false;
  Sentry.init({
    dsn: config.sentry.dsn,
    environment: config.sentry.environment,
    sendDefaultPii: false,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrubValue(crumb) as Sentry.Breadcrumb,
  });
  return true;
}
