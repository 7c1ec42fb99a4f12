/**
 * Every environment variable the service reads, each declared once: name, joi schema (validation,
 * conversion, default), documentation, production rule, and — by its place in this tree — where
 * its value lives in `Config`. The `Config` type, the joi schema of the environment, `loadConfig`
 * and the documentation in .env.example are all derived from here:
 *   - change or add a variable here, then refresh .env.example with
 *     `WRITE_ENV_EXAMPLE=1 npx jest --selectProjects integration -- backend/tests/integration/ops/env-example.test.ts`
 *     (a new variable needs a `NAME=` line in the right section of .env.example first);
 *   - the test fails while .env.example and these declarations disagree.
 */
import Joi from 'joi';
import { variable, view } from './declare';
import { addressList, businessHours, commaList, hostPorts, pairs } from './lists';
import { FLAG_KEYS, parseFlagDefaults } from '../shared/feature-flags';
import {
  emptyOrRealSecret,
  httpsUnlessLoopback,
  realSecret,
  realSecrets,
} from './production-rules';

/** A string schema whose value type is the union of `values`. */
function oneOf<const V extends string>(values: readonly V[]): Joi.StringSchema<V> {
  return Joi.string<V>().valid(...values);
}

const int = () => Joi.number().integer();
const flag = () => Joi.boolean().truthy('1').falsy('0');
const secret = () => Joi.string().min(1).required();

const phoneNumberIds = variable({
  name: 'WHATSAPP_PHONE_NUMBER_ID',
  schema: Joi.string()
    .pattern(/^\s*\d+\s*(,\s*\d+\s*)*$/)
    .custom((value: string, helpers) => {
      const ids = commaList(value);
      return new Set(ids).size === ids.length
        ? value
        : helpers.message({ custom: '{{#label}} lists the same phone number id twice' });
    })
    .required(),
  read: commaList,
  example: '000000000000000',
  doc: [
    'Phone number id of the business number (digits, from WhatsApp Manager / API setup). Several',
    'numbers served deliberately: comma-separated ids, the first one is the default sender.',
  ],
});

export const variables = {
  env: variable({
    name: 'NODE_ENV',
    schema: oneOf(['development', 'test', 'production']).default('development'),
    example: 'production',
    doc: [
      'development | test | production. Production enforces real secrets, long admin keys and https.',
      'For the demo profile (local Cloud API fake) use development.',
    ],
  }),
  port: variable({
    name: 'PORT',
    schema: Joi.number().port().default(3000),
    doc: [
      'HTTP port of every role: webhook and admin API (web roles), /health and /health/live, and /metrics and',
      '/health/ready when METRICS_TOKEN or NODE_ENV allows (see METRICS_TOKEN). docker-compose maps APP_WEB_PORT to it.',
    ],
  }),
  internalPort: variable({
    name: 'INTERNAL_PORT',
    schema: Joi.number()
      .port()
      .default(0)
      .when('.', {
        is: Joi.number().invalid(0),
        then: Joi.number()
          .invalid(Joi.ref('PORT'))
          .messages({ 'any.invalid': '{{#label}} must differ from PORT (0 = same port as PORT)' }),
      }),
    doc: [
      'Port serving /metrics and /health/ready (which shows internal addresses) without a token, to',
      'Prometheus and the orchestrator; publish it on the internal network only. 0 = no internal port.',
    ],
  }),
  http: {
    headersTimeoutMs: variable({
      name: 'HTTP_HEADERS_TIMEOUT_MS',
      schema: int().min(500).max(120_000).default(5000),
      doc: [
        'A client must send its request headers within this many ms of connecting (or of its previous',
        'request), else 408 and the connection is closed (held-open connections; Node default 60 s).',
      ],
    }),
    requestTimeoutMs: variable({
      name: 'HTTP_REQUEST_TIMEOUT_MS',
      schema: int().min(500).max(300_000).default(10_000),
      doc: [
        'A whole request (headers and body) must arrive within this many ms, else 408 and the connection',
        'is closed (slow-body uploads; Node default 300 s). HTTP_HEADERS_TIMEOUT_MS is capped at this.',
      ],
    }),
    keepAliveTimeoutMs: variable({
      name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      schema: int().min(1000).max(120_000).default(5000),
      doc: [
        'An idle keep-alive connection is closed after this many ms. A reverse proxy in front must use a',
        'shorter upstream idle timeout (e.g. 4 s), or it may reuse a connection the app is closing.',
      ],
    }),
    maxConnections: variable({
      name: 'HTTP_MAX_CONNECTIONS',
      schema: int().min(0).max(1_000_000).default(2000),
      doc: [
        'Open connections per port, in total; more are refused at once (counted in',
        'http_connections_refused_total, logged). Keep it under the open-files limit (ulimit -n) minus',
        'what Postgres/Redis use. 0 = no cap.',
      ],
    }),
    maxConnectionsPerIp: variable({
      name: 'HTTP_MAX_CONNECTIONS_PER_IP',
      schema: int().min(0).max(1_000_000).default(256),
      doc: [
        'Open connections per client address (the TCP peer, never X-Forwarded-For; IPv6 per /64); more are',
        'refused at once and counted. TRUSTED_PROXIES are exempt (they carry everyone). 0 = no cap.',
      ],
    }),
  },
  log: {
    level: variable({
      name: 'LOG_LEVEL',
      schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      doc: 'fatal | error | warn | info | debug | trace | silent. Logs are pino JSON on stdout.',
    }),
    pretty: variable({
      name: 'LOG_PRETTY',
      schema: flag().default((parent: { NODE_ENV?: string }) => parent.NODE_ENV === 'development'),
      example: '0',
      doc: '1 = human-readable logs (slower; needs the dev dependency pino-pretty). 0 = JSON. Unset: 1 when NODE_ENV=development.',
    }),
  },
  db: {
    url: variable({
      name: 'DATABASE_URL',
      schema: Joi.string()
        .uri({ scheme: ['postgres', 'postgresql'] })
        .required(),
      example: 'postgres://ubermench:change-me@127.0.0.1:5432/ubermench',
      doc: [
        'Connection string. Inside docker-compose this is overridden to point at the `postgres` service;',
        'the value here is for tools run on the host (scripts/backup.sh, scripts/restore.sh, migrations).',
      ],
    }),
    schema: variable({
      name: 'DATABASE_SCHEMA',
      schema: Joi.string()
        .pattern(/^[a-z_][a-z0-9_]*$/)
        .default('public'),
      doc: 'Schema holding the tables (lower-case identifier).',
    }),
    poolMax: variable({
      name: 'DATABASE_POOL_MAX',
      schema: int().min(1).max(200).default(10),
      doc: 'Max connections per process (1-200). Total = processes x this: keep under Postgres max_connections.',
    }),
  },
  redis: {
    url: variable({
      name: 'REDIS_URL',
      schema: Joi.string()
        .uri({ scheme: ['redis', 'rediss'] })
        .required(),
      example: 'redis://127.0.0.1:6379/0',
      doc: [
        'Connection string (redis:// or rediss:// for TLS). Overridden inside docker-compose.',
        'Redis must run with AOF persistence and maxmemory-policy noeviction (docker-compose does).',
      ],
    }),
    clusterNodes: variable({
      name: 'REDIS_CLUSTER_NODES',
      schema: Joi.string().allow('').default(''),
      read: hostPorts,
      doc: 'Comma-separated host:port list; when set, Redis Cluster is used instead of REDIS_URL.',
    }),
    prefix: variable({
      name: 'REDIS_KEY_PREFIX',
      schema: Joi.string()
        .pattern(/^[A-Za-z0-9_.-]+$/)
        .default('ub'),
      doc: 'Prefix of every Redis key (letters, digits, _ . -). Two deployments sharing a Redis need different prefixes.',
    }),
  },
  whatsapp: {
    appSecret: variable({
      name: 'WHATSAPP_APP_SECRET',
      schema: secret(),
      production: realSecret(32, ' (a Meta app secret has 32)'),
      example: 'change-me-app-secret',
      doc: [
        'App secret of the Meta app (App settings > Basic): verifies X-Hub-Signature-256 on every webhook.',
        'At least 32 characters in production.',
      ],
    }),
    verifyToken: variable({
      name: 'WHATSAPP_VERIFY_TOKEN',
      schema: secret(),
      production: realSecret(8),
      example: 'change-me-verify-token',
      doc: 'Any random string; the same value goes into Meta\'s webhook configuration ("Verify token").',
    }),
    accessToken: variable({
      name: 'WHATSAPP_ACCESS_TOKEN',
      schema: secret(),
      production: realSecret(8),
      example: 'change-me-access-token',
      doc: 'Permanent System User access token with whatsapp_business_messaging permission (error 190 = expired/revoked).',
    }),
    phoneNumberIds,
    phoneNumberId: view(phoneNumberIds, (ids) => ids[0] as string),
    apiBaseUrl: variable({
      name: 'WHATSAPP_API_BASE_URL',
      schema: Joi.string()
        .uri({ scheme: ['http', 'https'] })
        .default('https://graph.facebook.com'),
      read: (url) => url.replace(/\/+$/, ''),
      production: httpsUnlessLoopback,
      doc: [
        'Graph API base URL. Demo profile: http://fake-cloud-api:4010 (the local fake; never in production).',
        'Production requires https:// (http:// only to a loopback address).',
      ],
    }),
    apiVersion: variable({
      name: 'WHATSAPP_API_VERSION',
      schema: Joi.string()
        .pattern(/^v\d+\.\d+$/)
        .default('v23.0'),
      doc: 'Graph API version (vNN.N).',
    }),
    timeoutMs: variable({
      name: 'WHATSAPP_API_TIMEOUT_MS',
      schema: int().min(100).max(60000).default(10000),
      doc: 'Timeout of one Cloud API call in ms (100-60000).',
    }),
    templateLanguage: {
      es: variable({
        name: 'WHATSAPP_TEMPLATE_LANGUAGE_ES',
        schema: Joi.string().default('es_MX'),
        doc: 'Language code of the approved templates used for Spanish-speaking users.',
      }),
      en: variable({
        name: 'WHATSAPP_TEMPLATE_LANGUAGE_EN',
        schema: Joi.string().default('en'),
        doc: 'Language code of the approved templates used for English-speaking users.',
      }),
    },
    templates: variable({
      name: 'WHATSAPP_TEMPLATES',
      schema: Joi.string()
        .allow('')
        .default('offer=ubermench_offer,notice=ubermench_notice,rating=ubermench_rating'),
      read: pairs,
      doc: [
        'purpose=approved_template_name pairs, comma-separated. Templates are sent outside the 24 h window',
        'and as the fallback for error 131047.',
      ],
    }),
  },
  webhook: {
    bodyLimit: variable({
      name: 'WEBHOOK_BODY_LIMIT',
      schema: Joi.string()
        .pattern(/^\d+(kb|mb)$/)
        .default('3mb'),
      doc: 'Max webhook body size (e.g. 3mb, 512kb); larger bodies get 413.',
    }),
    maxEvents: variable({
      name: 'WEBHOOK_MAX_EVENTS',
      schema: int().min(1).max(10000).default(1000),
      doc: 'Max events (messages + statuses) accepted from one webhook delivery.',
    }),
    maxTextLength: variable({
      name: 'MAX_TEXT_LENGTH',
      schema: int().min(16).max(65536).default(4096),
      doc: 'Inbound text longer than this is truncated before processing (characters).',
    }),
    maxJsonDepth: variable({
      name: 'WEBHOOK_MAX_JSON_DEPTH',
      schema: int().min(8).max(1000).default(32),
      doc: "Max nesting of arrays/objects in a webhook body (Meta's envelopes use about 8); deeper -> 400.",
    }),
    dedupeTtlSeconds: variable({
      name: 'DEDUPE_TTL_SECONDS',
      schema: int()
        .min(60)
        .default(7 * 24 * 3600),
      doc: 'How long an inbound message id is remembered for dedupe (s). Meta redelivers for up to 7 days.',
    }),
    maxClockSkewSeconds: variable({
      name: 'WEBHOOK_MAX_CLOCK_SKEW_SECONDS',
      schema: int().min(0).max(86_400).default(300),
      doc: [
        'Inbound messages timestamped more than this ahead of our clock, or older than DEDUPE_TTL_SECONDS',
        'minus this, are acknowledged but not processed (a replay after its id left the dedupe window, a',
        'forged future time holding the 24 h window open); counted in webhook_messages_refused_total (s).',
        'Capped at half of DEDUPE_TTL_SECONDS.',
      ],
    }),
  },
  limits: {
    inboundPerMinute: variable({
      name: 'INBOUND_LIMIT_PER_MINUTE',
      schema: int().min(0).default(10),
      doc: [
        'Per-user inbound limits shared by all processes (Redis), for messages the conversation did not',
        'ask for (free text, unsupported types). Excess messages are acknowledged to Meta but not',
        'processed; the sender gets one "slow down" reply per window, stating the wait. 0 disables a window.',
      ],
    }),
    inboundPerHour: variable({
      name: 'INBOUND_LIMIT_PER_HOUR',
      schema: int().min(0).default(100),
      doc: 'Same, per hour.',
    }),
    answersPerMinute: variable({
      name: 'INBOUND_ANSWER_LIMIT_PER_MINUTE',
      schema: int().min(0).default(90),
      doc: [
        'Separate per-user budget for answers to the bot: taps on its buttons and list rows, shared',
        'locations, typed text where the open question asks for it (a name, an address). A tap a',
        'second (60/min) stays well under it; a script tapping faster is stopped. 0 disables a window.',
      ],
    }),
    answersPerHour: variable({
      name: 'INBOUND_ANSWER_LIMIT_PER_HOUR',
      schema: int().min(0).default(900),
      doc: 'Same, per hour: 15 minutes of a tap a second (a whole booking takes about 10 messages).',
    }),
    invalidSignaturePerMinute: variable({
      name: 'WEBHOOK_INVALID_SIGNATURE_PER_MINUTE',
      schema: int().min(0).default(30),
      doc: 'Webhook requests failing the signature check allowed per client IP per minute, then 429. 0 disables.',
    }),
    invalidVerifyTokenPerMinute: variable({
      name: 'WEBHOOK_INVALID_VERIFY_TOKEN_PER_MINUTE',
      schema: int().min(0).default(10),
      doc: 'Wrong verify-token handshakes (GET /webhook) allowed per client IP per minute, then 429. 0 disables.',
    }),
    adminPerMinute: variable({
      name: 'ADMIN_RATE_LIMIT_PER_MINUTE',
      schema: int().min(0).default(120),
      doc: 'Admin API requests per client IP per minute (every request counts), then 429. 0 disables.',
    }),
  },
  trustProxyHops: variable({
    name: 'TRUST_PROXY_HOPS',
    schema: int().min(0).max(10).default(1),
    doc: [
      'At most this many X-Forwarded-For hops are believed for the client IP (per-IP limits), each only',
      'when the address that handed it over is in TRUSTED_PROXIES. 1 = one TLS proxy in front (the normal',
      'production setup: Meta needs HTTPS); 0 = clients connect directly.',
    ],
  }),
  trustedProxies: variable({
    name: 'TRUSTED_PROXIES',
    schema: Joi.string()
      .allow('')
      .default('loopback')
      .custom((value: string, helpers) => {
        const bad = addressList(value).invalid;
        return bad.length === 0
          ? value
          : helpers.message({
              custom: `{{#label}} has entries that are not an IP, a CIDR or a preset: ${bad.join(', ')}`,
            });
      }),
    read: (value) => addressList(value).entries,
    doc: [
      'Addresses of the reverse proxies allowed to set X-Forwarded-For (and exempt from the per-IP',
      'connection cap): IPs, CIDRs (10.0.0.0/8) or presets loopback, private, linklocal; comma-separated.',
      'A client connecting from anywhere else is its own address, whatever header it sends. Empty = none.',
    ],
  }),
  session: {
    ttlSeconds: variable({
      name: 'SESSION_TTL_SECONDS',
      schema: int()
        .min(60)
        .default(24 * 3600),
      doc: "A conversation's state expires after this much inactivity (s).",
    }),
  },
  queue: {
    workerConcurrency: variable({
      name: 'WORKER_CONCURRENCY',
      schema: int().min(1).max(1000).default(128),
      doc: [
        'Conversations processed in parallel per worker process. Most of a drain is waiting on Redis and',
        'the Cloud API, and more drains at once share each Redis write (docs/performance.md, Run 6).',
      ],
    }),
    senderConcurrency: variable({
      name: 'SENDER_CONCURRENCY',
      schema: int().min(1).max(1000).default(32),
      doc: 'Outbound sends in parallel per worker process.',
    }),
    inboundMaxAttempts: variable({
      name: 'INBOUND_MAX_ATTEMPTS',
      schema: int().min(1).max(50).default(8),
      doc: 'Attempts for an inbound event before it is dead-lettered.',
    }),
    outboundMaxAttempts: variable({
      name: 'OUTBOUND_MAX_ATTEMPTS',
      schema: int().min(1).max(50).default(8),
      doc: 'Attempts for an outbound send (429/5xx/network) before it is dead-lettered.',
    }),
    retryBaseDelayMs: variable({
      name: 'RETRY_BASE_DELAY_MS',
      schema: int().min(1).default(500),
      doc: 'First retry delay (ms); later retries back off exponentially with jitter.',
    }),
    stalledIntervalMs: variable({
      name: 'QUEUE_STALLED_INTERVAL_MS',
      schema: int().min(500).default(5000),
      doc: 'How often BullMQ looks for jobs of crashed workers (ms).',
    }),
    lockDurationMs: variable({
      name: 'QUEUE_LOCK_DURATION_MS',
      schema: int().min(1000).default(15000),
      doc: "How long a job lock lasts before a crashed worker's job is taken over (ms).",
    }),
    conversationLockMs: variable({
      name: 'CONVERSATION_LOCK_MS',
      schema: int().min(500).default(10000),
      doc: 'TTL of the per-conversation lock, renewed while held (ms).',
    }),
  },
  outbound: {
    ratePerSecond: variable({
      name: 'OUTBOUND_RATE_PER_SECOND',
      schema: int().min(1).default(80),
      doc: "Global send rate for the business number (msg/s). Meta's default is 80 (error 130429 above it).",
    }),
    perRecipientPerMinute: variable({
      name: 'OUTBOUND_PER_RECIPIENT_PER_MINUTE',
      schema: int().min(0).default(30),
      doc: 'Max messages to one recipient per minute (Meta pair rate, error 131056). 0 disables.',
    }),
    windowMarginSeconds: variable({
      name: 'SERVICE_WINDOW_MARGIN_SECONDS',
      schema: int().min(0).default(120),
      doc: 'Safety margin before the 24 h customer-service window closes, after which templates are used (s).',
    }),
  },
  shutdownTimeoutMs: variable({
    name: 'SHUTDOWN_TIMEOUT_MS',
    schema: int().min(100).default(15000),
    doc: 'On SIGTERM, how long to finish in-flight work before exiting (ms). docker-compose waits 30 s.',
  }),
  marketplace: {
    offerTimeoutSeconds: variable({
      name: 'OFFER_TIMEOUT_SECONDS',
      schema: int().min(5).default(300),
      doc: 'How long a provider has to accept an offer before it goes to the next candidate (s).',
    }),
    maxOffersPerRequest: variable({
      name: 'MAX_OFFERS_PER_REQUEST',
      schema: int().min(1).default(5),
      doc: 'Max providers offered one request before telling the customer nobody is available.',
    }),
    rateReminderMinutes: variable({
      name: 'RATE_REMINDER_MINUTES',
      schema: int().min(1).max(10080).default(240),
      doc: 'After a job is marked done, how long before an unrated customer is asked once more to rate (min).',
    }),
    missedOffersBeforeOffline: variable({
      name: 'MISSED_OFFERS_BEFORE_OFFLINE',
      schema: int().min(0).max(100).default(3),
      doc: [
        'Offers in a row a provider lets expire before they are set offline (and told how to come',
        'back online), so customers do not wait on someone who is not there. 0 = never.',
      ],
    }),
    jobDoneMinMinutes: variable({
      name: 'JOB_DONE_MIN_MINUTES',
      schema: int()
        .min(0)
        .max(24 * 60)
        .default(10),
      doc: [
        'A provider who marks a job done sooner than this after accepting it (minutes) needs the',
        'customer to confirm first. 0 = no minimum.',
      ],
    }),
    providerListCacheSeconds: variable({
      name: 'PROVIDER_LIST_CACHE_SECONDS',
      schema: int().min(0).max(3600).default(30),
      doc: 'How long provider lists shown to customers are cached in Redis, seconds (0 = no cache).',
    }),
  },
  retention: {
    messageLogDays: variable({
      name: 'MESSAGE_LOG_RETENTION_DAYS',
      schema: int().min(1).default(90),
      doc: 'Message log rows older than this are deleted (days).',
    }),
    operationResultsDays: variable({
      name: 'OPERATION_RESULTS_RETENTION_DAYS',
      schema: int().min(1).default(30),
      doc: 'Idempotency records of finished operations older than this are deleted (days).',
    }),
    handoffDays: variable({
      name: 'HANDOFF_RETENTION_DAYS',
      schema: int().min(1).max(3650).default(90),
      doc: 'Closed handoffs and their transcripts (what people wrote to the console) are deleted this many days after closing; open ones are kept.',
    }),
    intervalMinutes: variable({
      name: 'RETENTION_INTERVAL_MINUTES',
      schema: int().min(1).default(360),
      doc: 'How often the retention job runs (minutes).',
    }),
    messageLogFlushMs: variable({
      name: 'MESSAGE_LOG_FLUSH_MS',
      schema: int().min(10).max(600_000).default(200),
      doc: 'Message-log rows wait in Redis and are copied to Postgres in batches this often (milliseconds).',
    }),
  },
  media: {
    storage: variable({
      name: 'MEDIA_STORAGE',
      schema: oneOf(['local', 's3']).default('local'),
      doc: [
        'Where received photos, voice notes and documents are kept: local (a directory, MEDIA_LOCAL_DIR)',
        'or s3 (S3-compatible object storage, MEDIA_S3_*). Every worker must see the same storage.',
      ],
    }),
    localDir: variable({
      name: 'MEDIA_LOCAL_DIR',
      schema: Joi.string().min(1).default('data/media'),
      doc: 'Directory of the local media storage (created if missing; relative paths from the working directory).',
    }),
    retentionDays: variable({
      name: 'MEDIA_RETENTION_DAYS',
      schema: int().min(1).max(3650).default(90),
      doc: 'Stored media (files and their rows) older than this are deleted by the retention job (days).',
    }),
    s3: {
      bucket: variable({
        name: 'MEDIA_S3_BUCKET',
        schema: Joi.string()
          .allow('')
          .default('')
          .when('MEDIA_STORAGE', {
            is: 's3',
            then: Joi.string()
              .min(3)
              .required()
              .messages({ 'any.required': '{{#label}} is required when MEDIA_STORAGE=s3' }),
          }),
        doc: 'Bucket of the media (MEDIA_STORAGE=s3). It should be private: media are sent to WhatsApp by upload, never by link.',
      }),
      region: variable({
        name: 'MEDIA_S3_REGION',
        schema: Joi.string().min(1).default('us-east-1'),
        doc: 'Region of the bucket (S3-compatible servers usually accept us-east-1).',
      }),
      endpoint: variable({
        name: 'MEDIA_S3_ENDPOINT',
        schema: Joi.string()
          .uri({ scheme: ['http', 'https'] })
          .allow('')
          .default(''),
        production: (url) => (url === '' ? null : httpsUnlessLoopback(url)),
        doc: 'Endpoint of an S3-compatible server (MinIO, R2, Spaces …); empty = AWS S3. https:// in production (http:// only to loopback).',
      }),
      forcePathStyle: variable({
        name: 'MEDIA_S3_FORCE_PATH_STYLE',
        schema: flag().default(false),
        example: '0',
        doc: '1 = path-style URLs (endpoint/bucket/key), which most S3-compatible servers need. 0 = virtual-hosted style.',
      }),
      prefix: variable({
        name: 'MEDIA_S3_PREFIX',
        schema: Joi.string()
          .allow('')
          .pattern(/^[A-Za-z0-9_./-]*$/)
          .default('media/'),
        doc: 'Key prefix of every media object in the bucket.',
      }),
      accessKeyId: variable({
        name: 'MEDIA_S3_ACCESS_KEY_ID',
        schema: Joi.string().allow('').default(''),
        doc: 'Access key of the bucket; empty = the AWS SDK default credential chain (instance role, AWS_* variables).',
      }),
      secretAccessKey: variable({
        name: 'MEDIA_S3_SECRET_ACCESS_KEY',
        schema: Joi.string().allow('').default(''),
        production: emptyOrRealSecret(16),
        doc: 'Secret of MEDIA_S3_ACCESS_KEY_ID (both or neither).',
      }),
    },
  },
  admin: {
    apiKeys: variable({
      name: 'ADMIN_API_KEYS',
      schema: Joi.string().allow('').default(''),
      read: commaList,
      production: realSecrets(24),
      doc: [
        'Comma-separated API keys for the admin API (each >= 24 characters in production, not counting',
        'spaces around it). Empty = no key is accepted.',
      ],
    }),
  },
  sentry: {
    dsn: variable({
      name: 'SENTRY_DSN',
      schema: Joi.string().uri().allow('').default(''),
      doc: 'Sentry DSN; empty = Sentry off. Auth headers, signatures, phones and message bodies are scrubbed.',
    }),
    environment: variable({
      name: 'SENTRY_ENVIRONMENT',
      schema: Joi.string()
        .empty('')
        .default((parent: { NODE_ENV?: string }) => parent.NODE_ENV),
      example: '',
      doc: 'Sentry environment name (e.g. production, staging); empty = NODE_ENV.',
    }),
  },
  flags: {
    defaults: variable({
      name: 'FEATURE_FLAGS',
      schema: Joi.string()
        .allow('')
        .default('')
        .custom((value: string, helpers) => {
          try {
            parseFlagDefaults(pairs(value));
            return value;
          } catch (err) {
            return helpers.message({ custom: `{{#label}}: ${(err as Error).message}` });
          }
        }),
      read: (value) => parseFlagDefaults(pairs(value)),
      doc: [
        `Feature flag defaults, flag=on|off|N% comma-separated (flags: ${FLAG_KEYS.join(', ')}).`,
        'Unnamed flags keep their declared default (backend/src/shared/feature-flags.ts). Redis values win.',
      ],
    }),
    cacheMs: variable({
      name: 'FEATURE_FLAGS_CACHE_MS',
      schema: int().min(0).max(60_000).default(1000),
      doc: 'A flag change made in Redis reaches every process within this long (ms; in-process cache). 0 = no cache.',
    }),
  },
  /* ---- human help, privacy and the ops console (issue 15) ---- */
  care: {
    privacyNoticeUrl: variable({
      name: 'PRIVACY_NOTICE_URL',
      schema: Joi.string()
        .uri({ scheme: ['https', 'http'] })
        .allow('')
        .default(''),
      production: (url: string) =>
        url === '' || url.startsWith('https://')
          ? null
          : 'must be an https:// address (the privacy notice linked on first contact)',
      example: 'https://example.com/aviso-de-privacidad',
      doc: [
        'Privacy notice linked in the first message to a new person (https:// in production). Set it before',
        'going live: Mexican law asks for the notice at the first contact. Empty = no link.',
      ],
    }),
    handoffTimeoutMinutes: variable({
      name: 'HANDOFF_TIMEOUT_MINUTES',
      schema: int()
        .min(1)
        .max(7 * 24 * 60)
        .default(120),
      doc: 'A conversation handed to a person goes back to the bot after this long without a hand-back (minutes).',
    }),
    expectedWaitMinutes: variable({
      name: 'HANDOFF_EXPECTED_WAIT_MINUTES',
      schema: int()
        .min(1)
        .max(24 * 60)
        .default(15),
      doc: 'Expected wait for a person in business hours, told when a handoff opens (minutes).',
    }),
    businessHours: variable({
      name: 'BUSINESS_HOURS',
      schema: Joi.string()
        .pattern(
          /^[1-7](-[1-7])?(,[1-7](-[1-7])?)*@([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/,
        )
        .default('1-6@09:00-19:00'),
      read: businessHours,
      doc: 'When people answer handoffs: ISO weekdays (1 = Monday) @ local hours, e.g. 1-6@09:00-19:00 (Monday to Saturday).',
    }),
    utcOffsetMinutes: variable({
      name: 'BUSINESS_UTC_OFFSET_MINUTES',
      schema: int().min(-720).max(840).default(-360),
      doc: "Offset of the business's local time from UTC in minutes (Mexico City: -360).",
    }),
  },
  console: {
    sessionHours: variable({
      name: 'CONSOLE_SESSION_HOURS',
      schema: int()
        .min(1)
        .max(24 * 7)
        .default(12),
      doc: 'Console sign-ins last this long without activity (hours).',
    }),
    loginAttemptsPer15Minutes: variable({
      name: 'CONSOLE_LOGIN_ATTEMPTS_PER_15_MINUTES',
      schema: int().min(1).max(1000).default(10),
      doc: 'Failed console sign-ins allowed per client IP and per user name in 15 minutes, then 429.',
    }),
    grafanaUrl: variable({
      name: 'CONSOLE_GRAFANA_URL',
      schema: Joi.string()
        .uri({ scheme: ['https', 'http'] })
        .allow('')
        .default('http://127.0.0.1:3001'),
      doc: "Grafana dashboard linked from the console's key figures. Empty = no link.",
    }),
  },
  metricsEnabled: variable({
    name: 'METRICS_ENABLED',
    schema: flag().default(true),
    doc: '1 = expose /metrics (Prometheus). 0 = off.',
  }),
  metricsToken: variable({
    name: 'METRICS_TOKEN',
    schema: Joi.string().allow('').default(''),
    production: emptyOrRealSecret(24),
    doc: [
      'Bearer token that opens /metrics and /health/ready on PORT (>= 24 characters in production).',
      'Empty = not on PORT when INTERNAL_PORT is set or NODE_ENV=production (then only INTERNAL_PORT',
      'serves them; with neither, nobody: a warning is logged at start); open on PORT in development',
      'and test. /health and /health/live are always public.',
    ],
  }),
};
