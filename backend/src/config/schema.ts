import Joi from 'joi';

/** Values that must never reach production (copied from .env.example or left empty). */
export const PLACEHOLDER = /^(|change[-_ ]?me.*|replace[-_ ]?me.*|placeholder|xxx+|dev[-_].*|test[-_].*|secret|token)$/i;

const secret = Joi.string().min(1);

/** Every environment variable the service reads. `.env.example` documents each one. */
export const envSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'test', 'production').default('development'),
  PORT: Joi.number().port().default(3000),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  /** Human-readable logs; defaults to on in development, JSON everywhere else. */
  LOG_PRETTY: Joi.boolean().truthy('1').falsy('0').default((parent: { NODE_ENV?: string }) => parent.NODE_ENV === 'development'),

  DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }).required(),
  DATABASE_SCHEMA: Joi.string().pattern(/^[a-z_][a-z0-9_]*$/).default('public'),
  DATABASE_POOL_MAX: Joi.number().integer().min(1).max(200).default(10),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }).required(),
  /** Comma-separated host:port list; when set, Redis Cluster mode is used instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: Joi.string().allow('').default(''),
  REDIS_KEY_PREFIX: Joi.string().pattern(/^[A-Za-z0-9_.-]+$/).default('ub'),

  WHATSAPP_APP_SECRET: secret.required(),
  WHATSAPP_VERIFY_TOKEN: secret.required(),
  WHATSAPP_ACCESS_TOKEN: secret.required(),
  WHATSAPP_PHONE_NUMBER_ID: Joi.string().pattern(/^\d+$/).required(),
  WHATSAPP_API_BASE_URL: Joi.string().uri({ scheme: ['http', 'https'] }).default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: Joi.string().pattern(/^v\d+\.\d+$/).default('v23.0'),
  WHATSAPP_API_TIMEOUT_MS: Joi.number().integer().min(100).max(60000).default(10000),
  WHATSAPP_TEMPLATE_LANGUAGE_ES: Joi.string().default('es_MX'),
  WHATSAPP_TEMPLATE_LANGUAGE_EN: Joi.string().default('en'),
  /** name=approved_template pairs, e.g. "offer=provider_new_offer,reminder=rating_reminder". */
  WHATSAPP_TEMPLATES: Joi.string().allow('').default('offer=ubermench_offer,notice=ubermench_notice,rating=ubermench_rating'),

  WEBHOOK_BODY_LIMIT: Joi.string().pattern(/^\d+(kb|mb)$/).default('3mb'),
  WEBHOOK_MAX_EVENTS: Joi.number().integer().min(1).max(10000).default(1000),
  MAX_TEXT_LENGTH: Joi.number().integer().min(16).max(65536).default(4096),
  /** Max nesting of arrays/objects in a webhook body (Meta's envelopes use about 8); deeper → 400 before parsing. */
  WEBHOOK_MAX_JSON_DEPTH: Joi.number().integer().min(8).max(1000).default(32),
  /**
   * Per-user inbound limits (conversation/runner/inbound-limiter.ts), shared by every process through Redis.
   * Excess messages are acknowledged to Meta (200) but not processed; the sender gets one
   * "slow down" reply per window. 0 disables a window.
   */
  INBOUND_LIMIT_PER_MINUTE: Joi.number().integer().min(0).default(10),
  INBOUND_LIMIT_PER_HOUR: Joi.number().integer().min(0).default(100),
  /** Webhook requests failing the signature check allowed per client IP per minute; then 429 + Retry-After. 0 disables. */
  WEBHOOK_INVALID_SIGNATURE_PER_MINUTE: Joi.number().integer().min(0).default(30),
  /** Admin API requests per client IP per minute (every request counts); then 429 + Retry-After. 0 disables. */
  ADMIN_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(0).default(120),
  /**
   * Reverse-proxy hops whose X-Forwarded-For is trusted for the client IP (Express `trust proxy`).
   * 1 = one proxy in front (docker-compose / a load balancer); 0 = clients connect directly and
   * X-Forwarded-For is ignored (otherwise anyone could pick their IP and dodge the per-IP limits).
   */
  TRUST_PROXY_HOPS: Joi.number().integer().min(0).max(10).default(1),
  DEDUPE_TTL_SECONDS: Joi.number().integer().min(60).default(7 * 24 * 3600),
  SESSION_TTL_SECONDS: Joi.number().integer().min(60).default(24 * 3600),

  WORKER_CONCURRENCY: Joi.number().integer().min(1).max(1000).default(128),
  SENDER_CONCURRENCY: Joi.number().integer().min(1).max(1000).default(32),
  INBOUND_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(8),
  OUTBOUND_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(8),
  /** How often BullMQ looks for jobs of crashed workers, and how long a job lock lasts. */
  QUEUE_STALLED_INTERVAL_MS: Joi.number().integer().min(500).default(5000),
  QUEUE_LOCK_DURATION_MS: Joi.number().integer().min(1000).default(15000),
  /** TTL of the per-conversation lock (renewed while held). */
  CONVERSATION_LOCK_MS: Joi.number().integer().min(500).default(10000),
  RETRY_BASE_DELAY_MS: Joi.number().integer().min(1).default(500),
  OUTBOUND_RATE_PER_SECOND: Joi.number().integer().min(1).default(80),
  /** Max messages to one recipient per minute (Meta pair rate, error 131056). 0 disables. */
  OUTBOUND_PER_RECIPIENT_PER_MINUTE: Joi.number().integer().min(0).default(30),
  SERVICE_WINDOW_MARGIN_SECONDS: Joi.number().integer().min(0).default(120),
  SHUTDOWN_TIMEOUT_MS: Joi.number().integer().min(100).default(15000),

  /** How long provider lists shown to customers are cached in Redis (0 = no cache). */
  PROVIDER_LIST_CACHE_SECONDS: Joi.number().integer().min(0).max(3600).default(30),
  OFFER_TIMEOUT_SECONDS: Joi.number().integer().min(5).default(300),
  MAX_OFFERS_PER_REQUEST: Joi.number().integer().min(1).default(5),

  /** Retention: message log rows and idempotency records older than this are deleted by the worker. */
  MESSAGE_LOG_RETENTION_DAYS: Joi.number().integer().min(1).default(90),
  OPERATION_RESULTS_RETENTION_DAYS: Joi.number().integer().min(1).default(30),
  RETENTION_INTERVAL_MINUTES: Joi.number().integer().min(1).default(360),
  /** Message-log rows are buffered in Redis and copied to Postgres in batches this often. */
  MESSAGE_LOG_FLUSH_MS: Joi.number().integer().min(10).max(600_000).default(200),

  ADMIN_API_KEYS: Joi.string().allow('').default(''),
  SENTRY_DSN: Joi.string().uri().allow('').default(''),
  SENTRY_ENVIRONMENT: Joi.string().allow('').default(''),
  METRICS_ENABLED: Joi.boolean().truthy('1').falsy('0').default(true),
}).unknown(true);
