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
const PII_KEYS =
  /^(user_id|bsuid|from_user_id|recipient_user_id|username|lat|lng|latitude|longitude)$/i;
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

/**
 * Breadcrumbs keep their shape (category, level, time, scrubbed data) but never their free-text
 * message: console and log lines can quote what users wrote.
 */
export function scrubBreadcrumb(crumb: Sentry.Breadcrumb): Sentry.Breadcrumb {
  const { message: _message, ...rest } = crumb;
  return {
    ...(scrubValue(rest) as Sentry.Breadcrumb),
    ...(_message !== undefined ? { message: '[redacted]' } : {}),
  };
}

export function scrubEvent<T extends Sentry.ErrorEvent>(event: T): T {
  const scrubbed = scrubValue(event) as T;
  if (event.breadcrumbs) scrubbed.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  return scrubbed;
}

let enabled = false;

/**
 * Initialise Sentry when a DSN is configured. Unhandled rejections and exceptions are logged
 * and reported either way; an uncaught exception then ends the process (state is unknown).
 * `transport` is for tests only.
 */
export function initSentry(
  config: Pick<Config, 'sentry'>,
  logger: Logger,
  opts: {
    transport?: Sentry.NodeOptions['transport'];
    installProcessHandlers?: boolean;
    /** false: no automatic instrumentation (http, console, …) — tests share one process. */
    instrument?: boolean;
  } = {},
): boolean {
  if (opts.installProcessHandlers !== false) {
    process.on('unhandledRejection', (err) => {
      logger.error(
        { event: 'process.unhandled_rejection', err: (err as Error)?.message },
        'unhandled rejection',
      );
      reportError(err, { kind: 'unhandled_rejection' });
    });
    process.on('uncaughtException', (err) => {
      logger.fatal({ event: 'process.uncaught_exception', err: err.message }, 'uncaught exception');
      reportError(err, { kind: 'uncaught_exception' });
      void Sentry.flush(2000).finally(() => process.exit(1));
    });
  }
  if (!config.sentry.dsn) return false;
  Sentry.init({
    dsn: config.sentry.dsn,
    environment: config.sentry.environment,
    sendDefaultPii: false,
    ...(opts.transport ? { transport: opts.transport } : {}),
    ...(opts.instrument === false ? { defaultIntegrations: false as const } : {}),
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrubBreadcrumb(crumb),
  });
  enabled = true;
  return true;
}

/** What we know about the message being processed when something failed (phone already masked). */
export interface ErrorContext {
  kind: string;
  correlationId?: string;
  state?: string;
  /** Conversation key, masked (`wa:*********5678`). */
  user?: string;
  queue?: string;
}

/** Report an error to Sentry (no-op without a DSN), tagged with its processing context. */
export function reportError(err: unknown, context: ErrorContext): void {
  if (!enabled) return;
  Sentry.withScope((scope) => {
    scope.setTag('kind', context.kind);
    if (context.correlationId) scope.setTag('correlation_id', context.correlationId);
    if (context.state) scope.setTag('state', context.state);
    if (context.queue) scope.setTag('queue', context.queue);
    if (context.user) scope.setUser({ id: context.user });
    Sentry.captureException(err);
  });
}
