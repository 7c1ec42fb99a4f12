/**
 * `Config` and `loadConfig` are derived from the declarations in config/variables.ts: a full
 * environment (every declared variable set, none at its default) comes out where and as what the
 * rest of the code expects, every default is what .env.example shows, and the type is exact.
 */
import { loadConfig, type Config } from '../../../src/config';
import { defaultInEnv } from '../../../src/config/env-example';
import { declaredVariables } from '../../../src/config/schema';

/** Compile-time equality: `npm run typecheck` fails when a derived type drifts. */
type Equal<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}
assertType<Equal<Config['env'], 'development' | 'test' | 'production'>>();
assertType<Equal<Config['port'], number>>();
assertType<Equal<Config['log']['pretty'], boolean>>();
assertType<
  Equal<Config['log']['level'], 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'>
>();
assertType<Equal<Config['redis']['clusterNodes'], { host: string; port: number }[]>>();
assertType<Equal<Config['whatsapp']['phoneNumberId'], string>>();
assertType<Equal<Config['whatsapp']['phoneNumberIds'], string[]>>();
assertType<Equal<Config['whatsapp']['templates'], Record<string, string>>>();
assertType<Equal<Config['admin']['apiKeys'], string[]>>();
assertType<Equal<Config['metricsEnabled'], boolean>>();

const required = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WHATSAPP_APP_SECRET: 'a-real-looking-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-abcdefgh-1234',
  WHATSAPP_ACCESS_TOKEN: 'EAAG-access-token-value-5678',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
};

/** Every declared variable, none at its default. */
const full: Record<string, string> = {
  NODE_ENV: 'production',
  PORT: '8080',
  INTERNAL_PORT: '9100',
  HTTP_HEADERS_TIMEOUT_MS: '3000',
  HTTP_REQUEST_TIMEOUT_MS: '8000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '4000',
  HTTP_MAX_CONNECTIONS: '5000',
  HTTP_MAX_CONNECTIONS_PER_IP: '64',
  LOG_LEVEL: 'debug',
  LOG_PRETTY: '1',
  DATABASE_URL: 'postgresql://app:pw@db.internal:6543/ub',
  DATABASE_SCHEMA: 'tenant_7',
  DATABASE_POOL_MAX: '25',
  REDIS_URL: 'rediss://cache.internal:6380/2',
  REDIS_CLUSTER_NODES: 'r1:7000, r2:7001,r3',
  REDIS_KEY_PREFIX: 'ub.blue',
  WHATSAPP_APP_SECRET: '0123456789abcdef0123456789abcdef',
  WHATSAPP_VERIFY_TOKEN: 'a-verify-token-of-some-length',
  WHATSAPP_ACCESS_TOKEN: 'EAAG-access-token-value-5678',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922, 106540352242923',
  WHATSAPP_API_BASE_URL: 'https://graph.example.com/',
  WHATSAPP_API_VERSION: 'v24.0',
  WHATSAPP_API_TIMEOUT_MS: '5000',
  WHATSAPP_TEMPLATE_LANGUAGE_ES: 'es',
  WHATSAPP_TEMPLATE_LANGUAGE_EN: 'en_US',
  WHATSAPP_TEMPLATES: 'offer=o1, notice=n1,broken,=x',
  WEBHOOK_BODY_LIMIT: '512kb',
  WEBHOOK_MAX_EVENTS: '200',
  MAX_TEXT_LENGTH: '1024',
  WEBHOOK_MAX_JSON_DEPTH: '16',
  DEDUPE_TTL_SECONDS: '3600',
  WEBHOOK_MAX_CLOCK_SKEW_SECONDS: '120',
  INBOUND_LIMIT_PER_MINUTE: '0',
  INBOUND_LIMIT_PER_HOUR: '50',
  INBOUND_ANSWER_LIMIT_PER_MINUTE: '30',
  INBOUND_ANSWER_LIMIT_PER_HOUR: '300',
  WEBHOOK_INVALID_SIGNATURE_PER_MINUTE: '5',
  WEBHOOK_INVALID_VERIFY_TOKEN_PER_MINUTE: '3',
  ADMIN_RATE_LIMIT_PER_MINUTE: '60',
  TRUST_PROXY_HOPS: '2',
  TRUSTED_PROXIES: '10.0.0.7, 172.18.0.0/16, private, ::1',
  SESSION_TTL_SECONDS: '7200',
  WORKER_CONCURRENCY: '64',
  SENDER_CONCURRENCY: '16',
  INBOUND_MAX_ATTEMPTS: '3',
  OUTBOUND_MAX_ATTEMPTS: '4',
  RETRY_BASE_DELAY_MS: '250',
  QUEUE_STALLED_INTERVAL_MS: '2000',
  QUEUE_LOCK_DURATION_MS: '30000',
  CONVERSATION_LOCK_MS: '8000',
  OUTBOUND_RATE_PER_SECOND: '250',
  OUTBOUND_PER_RECIPIENT_PER_MINUTE: '10',
  SERVICE_WINDOW_MARGIN_SECONDS: '60',
  SHUTDOWN_TIMEOUT_MS: '20000',
  PROVIDER_LIST_CACHE_SECONDS: '0',
  OFFER_TIMEOUT_SECONDS: '120',
  MAX_OFFERS_PER_REQUEST: '3',
  RATE_REMINDER_MINUTES: '90',
  MISSED_OFFERS_BEFORE_OFFLINE: '5',
  JOB_DONE_MIN_MINUTES: '15',
  FEATURE_FLAGS: ' understanding=off, handoff=25% ',
  FEATURE_FLAGS_CACHE_MS: '250',
  MESSAGE_LOG_RETENTION_DAYS: '30',
  OPERATION_RESULTS_RETENTION_DAYS: '7',
  HANDOFF_RETENTION_DAYS: '45',
  RETENTION_INTERVAL_MINUTES: '60',
  MESSAGE_LOG_FLUSH_MS: '500',
  MEDIA_STORAGE: 's3',
  MEDIA_LOCAL_DIR: '/var/lib/ubermench/media',
  MEDIA_RETENTION_DAYS: '30',
  MEDIA_S3_BUCKET: 'ub-media',
  MEDIA_S3_REGION: 'mx-central-1',
  MEDIA_S3_ENDPOINT: 'https://s3.example.com',
  MEDIA_S3_FORCE_PATH_STYLE: '1',
  MEDIA_S3_PREFIX: 'blue/media/',
  MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE0123',
  MEDIA_S3_SECRET_ACCESS_KEY: 's3-secret-access-key-0123456789',
  ADMIN_API_KEYS: ' first-admin-key-0123456789abcdef , second-admin-key-0123456789abcd ,',
  SENTRY_DSN: 'https://key@sentry.example.com/42',
  SENTRY_ENVIRONMENT: 'staging',
  METRICS_ENABLED: '0',
  METRICS_TOKEN: 'metrics-bearer-token-0123456789',
  PRIVACY_NOTICE_URL: 'https://example.com/privacidad',
  HANDOFF_TIMEOUT_MINUTES: '45',
  HANDOFF_EXPECTED_WAIT_MINUTES: '10',
  BUSINESS_HOURS: '1-5,7@08:30-20:00',
  BUSINESS_UTC_OFFSET_MINUTES: '-300',
  CONSOLE_SESSION_HOURS: '8',
  CONSOLE_LOGIN_ATTEMPTS_PER_15_MINUTES: '5',
  CONSOLE_GRAFANA_URL: 'https://grafana.example.com/d/ub',
};

const expected: Config = {
  env: 'production',
  port: 8080,
  internalPort: 9100,
  http: {
    headersTimeoutMs: 3000,
    requestTimeoutMs: 8000,
    keepAliveTimeoutMs: 4000,
    maxConnections: 5000,
    maxConnectionsPerIp: 64,
  },
  log: { level: 'debug', pretty: true },
  db: { url: 'postgresql://app:pw@db.internal:6543/ub', schema: 'tenant_7', poolMax: 25 },
  redis: {
    url: 'rediss://cache.internal:6380/2',
    clusterNodes: [
      { host: 'r1', port: 7000 },
      { host: 'r2', port: 7001 },
      { host: 'r3', port: 6379 },
    ],
    prefix: 'ub.blue',
  },
  whatsapp: {
    appSecret: '0123456789abcdef0123456789abcdef',
    verifyToken: 'a-verify-token-of-some-length',
    accessToken: 'EAAG-access-token-value-5678',
    phoneNumberIds: ['106540352242922', '106540352242923'],
    phoneNumberId: '106540352242922',
    apiBaseUrl: 'https://graph.example.com',
    apiVersion: 'v24.0',
    timeoutMs: 5000,
    templateLanguage: { es: 'es', en: 'en_US' },
    templates: { offer: 'o1', notice: 'n1' },
  },
  webhook: {
    bodyLimit: '512kb',
    maxEvents: 200,
    maxTextLength: 1024,
    maxJsonDepth: 16,
    dedupeTtlSeconds: 3600,
    maxClockSkewSeconds: 120,
  },
  limits: {
    inboundPerMinute: 0,
    inboundPerHour: 50,
    answersPerMinute: 30,
    answersPerHour: 300,
    invalidSignaturePerMinute: 5,
    invalidVerifyTokenPerMinute: 3,
    adminPerMinute: 60,
  },
  trustProxyHops: 2,
  trustedProxies: [
    '10.0.0.7/32',
    '172.18.0.0/16',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    'fc00::/7',
    '::1/128',
  ],
  session: { ttlSeconds: 7200 },
  queue: {
    workerConcurrency: 64,
    senderConcurrency: 16,
    inboundMaxAttempts: 3,
    outboundMaxAttempts: 4,
    retryBaseDelayMs: 250,
    stalledIntervalMs: 2000,
    lockDurationMs: 30000,
    conversationLockMs: 8000,
  },
  outbound: { ratePerSecond: 250, perRecipientPerMinute: 10, windowMarginSeconds: 60 },
  shutdownTimeoutMs: 20000,
  marketplace: {
    offerTimeoutSeconds: 120,
    maxOffersPerRequest: 3,
    missedOffersBeforeOffline: 5,
    jobDoneMinMinutes: 15,
    rateReminderMinutes: 90,
    providerListCacheSeconds: 0,
  },
  flags: {
    defaults: {
      understanding: { percent: 0 },
      job_lifecycle: { percent: 100 },
      console: { percent: 100 },
      handoff: { percent: 25 },
    },
    cacheMs: 250,
  },
  retention: {
    messageLogDays: 30,
    operationResultsDays: 7,
    handoffDays: 45,
    intervalMinutes: 60,
    messageLogFlushMs: 500,
  },
  media: {
    storage: 's3',
    localDir: '/var/lib/ubermench/media',
    retentionDays: 30,
    s3: {
      bucket: 'ub-media',
      region: 'mx-central-1',
      endpoint: 'https://s3.example.com',
      forcePathStyle: true,
      prefix: 'blue/media/',
      accessKeyId: 'AKIAEXAMPLE0123',
      secretAccessKey: 's3-secret-access-key-0123456789',
    },
  },
  admin: {
    apiKeys: ['first-admin-key-0123456789abcdef', 'second-admin-key-0123456789abcd'],
  },
  sentry: { dsn: 'https://key@sentry.example.com/42', environment: 'staging' },
  care: {
    privacyNoticeUrl: 'https://example.com/privacidad',
    handoffTimeoutMinutes: 45,
    expectedWaitMinutes: 10,
    businessHours: { days: [1, 2, 3, 4, 5, 7], openMinute: 510, closeMinute: 1200 },
    utcOffsetMinutes: -300,
  },
  console: {
    sessionHours: 8,
    loginAttemptsPer15Minutes: 5,
    grafanaUrl: 'https://grafana.example.com/d/ub',
  },
  metricsEnabled: false,
  metricsToken: 'metrics-bearer-token-0123456789',
};

describe('Config derived from the declarations', () => {
  it('the full environment sets every declared variable, none at its default', () => {
    expect(Object.keys(full).sort()).toEqual(declaredVariables.map((v) => v.name).sort());
    const atDefault = declaredVariables.filter((v) => defaultInEnv(v) === full[v.name]);
    expect(atDefault.map((v) => v.name)).toEqual([]);
  });

  it('puts every value of a full environment where Config says, converted', () => {
    expect(loadConfig(full)).toEqual(expected);
  });

  it('a required-only environment gets every default', () => {
    const c = loadConfig(required);
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.internalPort).toBe(0);
    expect(c.log).toEqual({ level: 'info', pretty: true });
    expect(c.whatsapp.phoneNumberIds).toEqual(['106540352242922']);
    expect(c.whatsapp.phoneNumberId).toBe('106540352242922');
    expect(c.whatsapp.templates).toEqual({
      offer: 'ubermench_offer',
      notice: 'ubermench_notice',
      rating: 'ubermench_rating',
    });
    expect(c.redis.clusterNodes).toEqual([]);
    expect(c.admin.apiKeys).toEqual([]);
    expect(c.sentry).toEqual({ dsn: '', environment: 'development' });
    expect(c.metricsEnabled).toBe(true);
    expect(c.metricsToken).toBe('');
    expect(c.webhook.dedupeTtlSeconds).toBe(7 * 24 * 3600);
  });

  it('computed defaults follow NODE_ENV (LOG_PRETTY, SENTRY_ENVIRONMENT)', () => {
    const c = loadConfig({ ...required, NODE_ENV: 'test', SENTRY_ENVIRONMENT: '' });
    expect(c.log.pretty).toBe(false);
    expect(c.sentry.environment).toBe('test');
  });

  it.each(declaredVariables.filter((v) => defaultInEnv(v) !== undefined).map((v) => [v.name, v]))(
    'writing the default of %s (as .env.example shows it) changes nothing',
    (name, v) => {
      expect(loadConfig({ ...required, [name]: defaultInEnv(v) })).toEqual(loadConfig(required));
    },
  );

  it('every declared variable is required or has a default (Config has no undefined)', () => {
    const neither = declaredVariables.filter((v) => {
      const d = v.schema.describe() as { flags?: { presence?: string; default?: unknown } };
      return d.flags?.presence !== 'required' && d.flags?.default === undefined;
    });
    expect(neither.map((v) => v.name)).toEqual([]);
  });

  it('every declared variable has a doc line', () => {
    const undocumented = declaredVariables.filter(
      (v) => v.doc.length === 0 || v.doc.some((l) => !l.trim()),
    );
    expect(undocumented.map((v) => v.name)).toEqual([]);
  });
});
