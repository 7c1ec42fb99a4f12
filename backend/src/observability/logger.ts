/**
 * pino logger. Secrets are redacted by path; phone numbers are masked by the callers
 * (`maskPhone`/`maskKey`) and, as a safety net, by a formatter that masks any phone-like
 * digit run in every string field. Message text is never logged at info.
 */
import pino, { type Logger } from 'pino';
import { maskPhonesInText } from '../shared/mask';
import { metrics } from './metrics';

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

export function createLogger(opts: {
  level: string;
  pretty: boolean;
  name?: string;
  destination?: pino.DestinationStream;
}): Logger {
  const options: pino.LoggerOptions = {
    name: opts.name ?? 'ubermench',
    level: opts.level,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) =>
          typeof a === 'string' ? maskPhonesInText(a) : a,
        ) as typeof args;
        return method.apply(this, masked);
      },
    },
    ...(opts.pretty && !opts.destination
      ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
      : {}),
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty) return pino(options);
  // stdout written asynchronously: a busy process no longer makes one blocking write(2) per line
  // (lines logged while a write is in flight go out together). pino flushes what is left
  // synchronously on exit, so process.exit, a fatal error or SIGTERM lose nothing; a SIGKILL can
  // lose the lines of the write in flight.
  // If stdout stops taking writes (a stuck log collector), lines beyond 16 MB of backlog are
  // dropped and counted (log_lines_dropped_total) instead of growing memory or stalling replies.
  const stdout = pino.destination({ dest: 1, sync: false, maxLength: 16 * 1024 * 1024 });
  stdout.on('drop', () => metrics.logLinesDropped.inc());
  flushBeforeCrash(stdout);
  return pino(options, stdout);
}

let crashFlushInstalled = false;

/** The part of pino's async destination (sonic-boom) that says whether a write is in flight. */
type AsyncDestination = pino.DestinationStream & { _writing?: boolean };

/** Resolve when the destination has no asynchronous write in flight (at most `maxMs`). */
function writesSettled(stdout: AsyncDestination, maxMs = 2000): Promise<void> {
  const deadline = Date.now() + maxMs;
  return new Promise((resolve) => {
    const poll = () =>
      !stdout._writing || Date.now() > deadline ? resolve() : setTimeout(poll, 5);
    poll();
  });
}

let processStdout: AsyncDestination | null = null;

/**
 * An uncaught error ends the process only after the lines already logged reach stdout. pino's
 * exit hook writes buffered lines synchronously, but it skips a write still in flight (one that
 * met a full pipe and waits to retry): on Node 24 those lines were then lost, or written after
 * later ones. So an uncaught error prints its stack like Node does, lets the write in flight
 * land (at most 2 s), and exits with 1; the exit hook then writes the rest in order.
 */
function flushBeforeCrash(stdout: AsyncDestination): void {
  processStdout = stdout;
  if (crashFlushInstalled) return;
  crashFlushInstalled = true;
  process.on('uncaughtException', (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    void writesSettled(processStdout ?? stdout).then(() => process.exit(1));
  });
}

/** Resolve once no stdout write is in flight (call before a deliberate process.exit). */
export function flushLogger(): Promise<void> {
  return processStdout ? writesSettled(processStdout) : Promise.resolve();
}
