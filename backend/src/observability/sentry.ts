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

/** Deep copy with secrets and message bodies removed and phone numbers masked. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhonesInText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
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
