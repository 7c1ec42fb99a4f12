/**
 * Configuration, read once from the environment and validated with joi.
 * A bad value stops the process with one message naming every problem.
 */
import { envSchema, PLACEHOLDER } from './schema';

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  log: { level: string; pretty: boolean };
  db: { url: string; schema: string; poolMax: number };
  redis: { url: string; clusterNodes: { host: string; port: number }[]; prefix: string };
  whatsapp: {
    appSecret: string;
    verifyToken: string;
    accessToken: string;
    phoneNumberId: string;
    apiBaseUrl: string;
    apiVersion: string;
    timeoutMs: number;
    templateLanguage: { es: string; en: string };
    templates: Record<string, string>;
  };
  webhook: { bodyLimit: string; maxEvents: number; maxTextLength: number; maxJsonDepth: number; dedupeTtlSeconds: number };
  /** Abuse limits (0 = off): per user (inbound messages), per IP (bad signatures, admin API). */
  limits: { inboundPerMinute: number; inboundPerHour: number; invalidSignaturePerMinute: number; adminPerMinute: number };
  /** Proxy hops trusted for X-Forwarded-For (Express `trust proxy`). */
  trustProxyHops: number;
  session: { ttlSeconds: number };
  queue: {
    workerConcurrency: number;
    senderConcurrency: number;
    inboundMaxAttempts: number;
    outboundMaxAttempts: number;
    retryBaseDelayMs: number;
    stalledIntervalMs: number;
    lockDurationMs: number;
    conversationLockMs: number;
  };
  outbound: { ratePerSecond: number; perRecipientPerMinute: number; windowMarginSeconds: number };
  shutdownTimeoutMs: number;
  marketplace: { offerTimeoutSeconds: number; maxOffersPerRequest: number; providerListCacheSeconds: number };
  retention: { messageLogDays: number; operationResultsDays: number; intervalMinutes: number; messageLogFlushMs: number };
  admin: { apiKeys: string[] };
  sentry: { dsn: string; environment: string };
  metricsEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const SECRETS = ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_ACCESS_TOKEN'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { value, error } = envSchema.validate(env, { abortEarly: false, convert: true });
  const problems = error ? error.details.map((d) => d.message.replace(/"/g, '')) : [];
  const v = value as Record<string, string | number | boolean>;
  if (v.NODE_ENV === 'production') {
    for (const name of SECRETS) {
      const s = String(env[name] ?? '');
      if (PLACEHOLDER.test(s) || s.length < 8) problems.push(`${name} is missing or a placeholder (refused in production)`);
    }
    const keys = String(v.ADMIN_API_KEYS ?? '').split(',').filter(Boolean);
    if (keys.some((k) => k.length < 24)) problems.push('ADMIN_API_KEYS entries must be at least 24 characters in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: v.NODE_ENV as Config['env'],
    port: v.PORT as number,
    log: { level: v.LOG_LEVEL as string, pretty: v.LOG_PRETTY as boolean },
    db: { url: v.DATABASE_URL as string, schema: v.DATABASE_SCHEMA as string, poolMax: v.DATABASE_POOL_MAX as number },
    redis: {
      url: v.REDIS_URL as string,
      clusterNodes: parseNodes(v.REDIS_CLUSTER_NODES as string),
      prefix: v.REDIS_KEY_PREFIX as string,
    },
    whatsapp: {
      appSecret: v.WHATSAPP_APP_SECRET as string,
      verifyToken: v.WHATSAPP_VERIFY_TOKEN as string,
      accessToken: v.WHATSAPP_ACCESS_TOKEN as string,
      phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID as string,
      apiBaseUrl: (v.WHATSAPP_API_BASE_URL as string).replace(/\/+$/, ''),
      apiVersion: v.WHATSAPP_API_VERSION as string,
      timeoutMs: v.WHATSAPP_API_TIMEOUT_MS as number,
      templateLanguage: { es: v.WHATSAPP_TEMPLATE_LANGUAGE_ES as string, en: v.WHATSAPP_TEMPLATE_LANGUAGE_EN as string },
      templates: parsePairs(v.WHATSAPP_TEMPLATES as string),
    },
    webhook: {
      bodyLimit: v.WEBHOOK_BODY_LIMIT as string,
      maxEvents: v.WEBHOOK_MAX_EVENTS as number,
      maxTextLength: v.MAX_TEXT_LENGTH as number,
      maxJsonDepth: v.WEBHOOK_MAX_JSON_DEPTH as number,
      dedupeTtlSeconds: v.DEDUPE_TTL_SECONDS as number,
    },
    limits: {
      inboundPerMinute: v.INBOUND_LIMIT_PER_MINUTE as number,
      inboundPerHour: v.INBOUND_LIMIT_PER_HOUR as number,
      invalidSignaturePerMinute: v.WEBHOOK_INVALID_SIGNATURE_PER_MINUTE as number,
      adminPerMinute: v.ADMIN_RATE_LIMIT_PER_MINUTE as number,
    },
    trustProxyHops: v.TRUST_PROXY_HOPS as number,
    session: { ttlSeconds: v.SESSION_TTL_SECONDS as number },
    queue: {
      workerConcurrency: v.WORKER_CONCURRENCY as number,
      senderConcurrency: v.SENDER_CONCURRENCY as number,
      inboundMaxAttempts: v.INBOUND_MAX_ATTEMPTS as number,
      outboundMaxAttempts: v.OUTBOUND_MAX_ATTEMPTS as number,
      retryBaseDelayMs: v.RETRY_BASE_DELAY_MS as number,
      stalledIntervalMs: v.QUEUE_STALLED_INTERVAL_MS as number,
      lockDurationMs: v.QUEUE_LOCK_DURATION_MS as number,
      conversationLockMs: v.CONVERSATION_LOCK_MS as number,
    },
    outbound: {
      ratePerSecond: v.OUTBOUND_RATE_PER_SECOND as number,
      perRecipientPerMinute: v.OUTBOUND_PER_RECIPIENT_PER_MINUTE as number,
      windowMarginSeconds: v.SERVICE_WINDOW_MARGIN_SECONDS as number,
    },
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS as number,
    marketplace: {
      offerTimeoutSeconds: v.OFFER_TIMEOUT_SECONDS as number,
      maxOffersPerRequest: v.MAX_OFFERS_PER_REQUEST as number,
      providerListCacheSeconds: v.PROVIDER_LIST_CACHE_SECONDS as number,
    },
    retention: {
      messageLogDays: v.MESSAGE_LOG_RETENTION_DAYS as number,
      operationResultsDays: v.OPERATION_RESULTS_RETENTION_DAYS as number,
      intervalMinutes: v.RETENTION_INTERVAL_MINUTES as number,
      messageLogFlushMs: v.MESSAGE_LOG_FLUSH_MS as number,
    },
    admin: { apiKeys: String(v.ADMIN_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean) },
    sentry: { dsn: v.SENTRY_DSN as string, environment: (v.SENTRY_ENVIRONMENT as string) || (v.NODE_ENV as string) },
    metricsEnabled: v.METRICS_ENABLED as boolean,
  };
}

function parseNodes(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [host, port] = s.split(':');
      return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
    });
}

function parsePairs(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, val] = pair.split('=');
    if (k && val) out[k.trim()] = val.trim();
  }
  return out;
}
