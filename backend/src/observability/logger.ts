/**
 * pino logger. Secrets are redacted by path; phone numbers are masked by the callers
 * (`maskPhone`/`maskKey`) and, as a safety net, by a formatter that masks any phone-like
 * digit run in every string field. Message text is never logged at info.
 */
import pino, { type Logger } from 'pino';
import { maskPhonesInText } from '../shared/mask';

export type { Logger };

const REDACT = [
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  'headers["x-hub-signature-256"]',
  'authorization',
  'accessToken',
  'appSecret',
  'token',
  'signature',
  'text',
  'body',
  '*.text',
  '*.body',
];

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhonesInText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

export function createLogger(opts: { level: string; pretty: boolean; name?: string; destination?: pino.DestinationStream }): Logger {
  const options: pino.LoggerOptions = {
    name: opts.name ?? 'ubermench',
    level: opts.level,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as typeof args;
        return method.apply(this, masked);
      },
    },
    ...(opts.pretty && !opts.destination ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
