/**
 * Every Prometheus metric the service exports, in one place so dashboards, alert rules
 * and tests can rely on the names. Labels are bounded enums: never phone numbers or text.
 */
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const r = [registry];

export const metrics = {
  httpRequestDuration: new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: r,
  }),
  webhookProcessingDuration: new client.Histogram({
    name: 'webhook_processing_duration_seconds',
    help: 'Time from webhook request received to acknowledgement (verify + durable enqueue)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: r,
  }),
  logLinesDropped: new client.Counter({
    name: 'log_lines_dropped_total',
    help: 'Log lines dropped because stdout could not take them (its write buffer was full)',
    registers: r,
  }),
  webhookRequests: new client.Counter({
    name: 'webhook_requests_total',
    help: 'Webhook POSTs by outcome (accepted, invalid_signature, malformed, unavailable, rate_limited)',
    labelNames: ['outcome'] as const,
    registers: r,
  }),
  connectionsRefused: new client.Counter({
    name: 'http_connections_refused_total',
    help: 'TCP connections closed on arrival because a cap was reached (max_connections, per_ip)',
    labelNames: ['reason'] as const,
    registers: r,
  }),
  webhookEventsRefused: new client.Counter({
    name: 'webhook_events_refused_total',
    help: 'Webhook messages and statuses acknowledged but not processed (foreign_number, too_old, from_future)',
    labelNames: ['reason'] as const,
    registers: r,
  }),
  identityMismatches: new client.Counter({
    name: 'identity_mismatches_total',
    help: 'Messages whose number and BSUID contradict the accounts on file (kept apart, recorded in audit_log), by kind',
    labelNames: ['kind'] as const,
    registers: r,
  }),
  messagesReceived: new client.Counter({
    name: 'whatsapp_messages_received_total',
    help: 'Inbound WhatsApp messages accepted by the webhook, by message type',
    labelNames: ['type'] as const,
    registers: r,
  }),
  duplicatesDropped: new client.Counter({
    name: 'whatsapp_duplicate_messages_total',
    help: 'Inbound messages dropped because their id was already seen',
    registers: r,
  }),
  statusesReceived: new client.Counter({
    name: 'whatsapp_statuses_received_total',
    help: 'Delivery status webhooks by status (sent, delivered, read, failed)',
    labelNames: ['status'] as const,
    registers: r,
  }),
  messagesSent: new client.Counter({
    name: 'whatsapp_messages_sent_total',
    help: 'Outbound messages by type and outcome (sent, failed, dead_lettered, skipped_duplicate, template_fallback)',
    labelNames: ['type', 'outcome'] as const,
    registers: r,
  }),
  sendErrors: new client.Counter({
    name: 'whatsapp_send_errors_total',
    help: 'Cloud API errors by Meta error code (or network/timeout)',
    labelNames: ['code', 'retryable'] as const,
    registers: r,
  }),
  inboundToReply: new client.Histogram({
    name: 'inbound_to_reply_seconds',
    help: 'End to end: webhook received to first reply accepted by the Cloud API',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: r,
  }),
  activeSessions: new client.Gauge({
    name: 'active_sessions',
    help: 'Conversations with a live (unexpired) state in Redis',
    registers: r,
  }),
  transitions: new client.Counter({
    name: 'conversation_transitions_total',
    help: 'Conversation steps by resulting state name',
    labelNames: ['state'] as const,
    registers: r,
  }),
  droppedRateLimited: new client.Counter({
    name: 'inbound_rate_limited_total',
    help: 'Inbound messages acknowledged but not processed because the sender exceeded its limit, by budget (answers | free) and window',
    labelNames: ['budget', 'window'] as const,
    registers: r,
  }),
  serviceRequestsCreated: new client.Counter({
    name: 'service_requests_created_total',
    help: 'Service requests created, by service type code',
    labelNames: ['service'] as const,
    registers: r,
  }),
  providersReplaced: new client.Counter({
    name: 'customer_provider_replacements_total',
    help: 'Customers who asked for someone else ("quiero otro plomero"), by what the provider held: a pending offer, an accepted job, or nothing yet',
    labelNames: ['service', 'stage'] as const,
    registers: r,
  }),
  jobsDropped: new client.Counter({
    name: 'provider_jobs_dropped_total',
    help: 'Accepted jobs a provider gave back ("ya no puedo ir"); the request is offered to someone else',
    labelNames: ['service'] as const,
    registers: r,
  }),
  serviceRequestsCompleted: new client.Counter({
    name: 'service_requests_completed_total',
    help: 'Service requests marked done by the provider',
    labelNames: ['service'] as const,
    registers: r,
  }),
  offers: new client.Counter({
    name: 'offers_total',
    help: 'Offers to providers by outcome (sent, accepted, declined, expired)',
    labelNames: ['outcome'] as const,
    registers: r,
  }),
  providerResponseDuration: new client.Histogram({
    name: 'provider_responses_duration_seconds',
    help: 'Time from offer sent to provider answer (accept or decline)',
    labelNames: ['outcome'] as const,
    buckets: [5, 15, 30, 60, 120, 180, 300, 600],
    registers: r,
  }),
  providersOnline: new client.Gauge({
    name: 'providers_online',
    help: 'Approved providers currently online, by service type code',
    labelNames: ['service'] as const,
    registers: r,
  }),
  queueDepth: new client.Gauge({
    name: 'queue_depth',
    help: 'Jobs waiting (waiting + delayed) per queue',
    labelNames: ['queue'] as const,
    registers: r,
  }),
  queueOldestAge: new client.Gauge({
    name: 'queue_oldest_job_age_seconds',
    help: 'Age of the oldest waiting job per queue',
    labelNames: ['queue'] as const,
    registers: r,
  }),
  deadLetterSize: new client.Gauge({
    name: 'dead_letter_size',
    help: 'Entries in the dead-letter queue, by origin queue',
    labelNames: ['queue'] as const,
    registers: r,
  }),
  jobFailures: new client.Counter({
    name: 'job_failures_total',
    help: 'Failed job attempts by queue and whether they were dead-lettered',
    labelNames: ['queue', 'final'] as const,
    registers: r,
  }),
  flagEvaluations: new client.Counter({
    name: 'feature_flag_evaluations_total',
    help: 'Feature flag evaluations by flag and variant (on, off; default when the evaluation failed)',
    labelNames: ['flag', 'variant'] as const,
    registers: r,
  }),
  dependencyUp: new client.Gauge({
    name: 'dependency_up',
    help: '1 when the dependency answered the last readiness check (postgres, redis)',
    labelNames: ['dependency'] as const,
    registers: r,
  }),
};
