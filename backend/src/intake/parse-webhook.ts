/**
 * Webhook body → normalised events, grouped by conversation. Pure: no I/O.
 *
 * Decisions (documented in docs/architecture.md):
 * - not JSON, or not a `whatsapp_business_account` envelope → `malformed` (HTTP 400);
 * - changes with a field other than `messages` → ignored (200): we do not subscribe to them;
 * - a message or status inside a valid envelope with missing/invalid fields → skipped and
 *   counted (200), so one odd item does not make Meta redeliver the whole batch forever;
 * - refused (200, counted by reason, never processed; docs/security.md):
 *   - every message and status of a change whose `metadata.phone_number_id` is not one of ours
 *     (`foreign_number`): a signed delivery for another business's number is not ours to answer;
 *   - a message timestamped before `now - maxAgeMs` (`too_old`: its id may have left the dedupe
 *     window, so it could be a replay) or after `now + maxAheadMs` (`from_future`: a forged time
 *     would hold the 24 h service window open). A missing or invalid timestamp means "now".
 */
import { envelopeSchema } from './envelope-schema';
import { identityOf, type Identity } from './identity';
import { parseMediaContent } from './parse-media';
import type { InboundMessageEvent } from '../conversation/events';
import type { StatusUpdate } from '../queue/jobs';

export interface ParsedMessage {
  identity: Identity;
  event: InboundMessageEvent;
}

export type RefusalReason = 'foreign_number' | 'too_old' | 'from_future';

export interface ParsedWebhook {
  messages: ParsedMessage[];
  statuses: StatusUpdate[];
  /** Items skipped as invalid, by reason (for logs and metrics). */
  skipped: string[];
  /** Valid items refused by the admission rules, counted by reason. */
  refused: Record<RefusalReason, number>;
  /** `value.errors[]` codes Meta reported for the business number. */
  systemErrors: number[];
}

export type ParseOutcome = { ok: true; result: ParsedWebhook } | { ok: false; reason: string };

export interface ParseLimits {
  maxEvents: number;
  maxTextLength: number;
  /** Admission rules (see `admission`). */
  admission: Admission;
}

/** Which events are ours to process: our business numbers and a window of message times. */
export interface Admission {
  phoneNumberIds: ReadonlySet<string>;
  /** Messages older than this (relative to the receive time) are refused. */
  maxAgeMs: number;
  /** Messages timestamped further ahead of the receive time than this are refused. */
  maxAheadMs: number;
}

/**
 * The admission rules from the configuration. A replay is refused exactly when its id may have left
 * the dedupe set: an id is kept `dedupeTtl` from its first acceptance, which happened at most `skew`
 * before the message's own timestamp, so a message is safe to accept up to `dedupeTtl - skew` after
 * that timestamp. The skew is capped at half the dedupe window so that window is never empty.
 */
export function admission(c: {
  phoneNumberIds: readonly string[];
  dedupeTtlSeconds: number;
  maxClockSkewSeconds: number;
}): Admission {
  const skew = Math.min(c.maxClockSkewSeconds, Math.floor(c.dedupeTtlSeconds / 2));
  return {
    phoneNumberIds: new Set(c.phoneNumberIds),
    maxAgeMs: (c.dedupeTtlSeconds - skew) * 1000,
    maxAheadMs: skew * 1000,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 1024): string | undefined =>
  typeof v === 'string' ? v.slice(0, max) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function parseWebhook(raw: Buffer, limits: ParseLimits, nowMs: number): ParseOutcome {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  const { error } = envelopeSchema.validate(body);
  if (error)
    return { ok: false, reason: `not a WhatsApp Business Account webhook: ${error.message}` };

  const out: ParsedWebhook = {
    messages: [],
    statuses: [],
    skipped: [],
    refused: { foreign_number: 0, too_old: 0, from_future: 0 },
    systemErrors: [],
  };
  const { phoneNumberIds, maxAgeMs, maxAheadMs } = limits.admission;
  let count = 0;
  for (const entry of arr((body as Obj).entry)) {
    for (const change of arr((entry as Obj).changes)) {
      const c = change as Obj;
      if (c.field !== 'messages' || !isObj(c.value)) continue;
      const value = c.value;
      const ours =
        isObj(value.metadata) &&
        typeof value.metadata.phone_number_id === 'string' &&
        phoneNumberIds.has(value.metadata.phone_number_id);
      if (ours)
        for (const e of arr(value.errors))
          if (isObj(e) && typeof e.code === 'number') out.systemErrors.push(e.code);
      const profiles = contactProfiles(value.contacts);
      for (const m of arr(value.messages)) {
        if (++count > limits.maxEvents)
          return { ok: false, reason: `more than ${limits.maxEvents} events in one delivery` };
        const parsed = parseMessage(m, profiles, limits, nowMs);
        if (typeof parsed === 'string') out.skipped.push(parsed);
        else if (!ours) out.refused.foreign_number++;
        else if (parsed.event.at < nowMs - maxAgeMs) out.refused.too_old++;
        else if (parsed.event.at > nowMs + maxAheadMs) out.refused.from_future++;
        else out.messages.push(parsed);
      }
      for (const s of arr(value.statuses)) {
        if (++count > limits.maxEvents)
          return { ok: false, reason: `more than ${limits.maxEvents} events in one delivery` };
        const parsed = parseStatus(s);
        if (typeof parsed === 'string') out.skipped.push(parsed);
        else if (!ours) out.refused.foreign_number++;
        else out.statuses.push(parsed);
      }
    }
  }
  return { ok: true, result: out };
}

interface Profile {
  name?: string;
  username?: string;
  bsuid?: string;
}

function contactProfiles(contacts: unknown): Map<string, Profile> {
  const map = new Map<string, Profile>();
  for (const c of arr(contacts)) {
    if (!isObj(c)) continue;
    const profile = isObj(c.profile) ? c.profile : {};
    const p: Profile = {
      name: str(profile.name, 256),
      username: str(profile.username, 256),
      bsuid: str(c.user_id, 160),
    };
    for (const id of [c.wa_id, c.user_id]) if (typeof id === 'string') map.set(id, p);
  }
  return map;
}

function parseMessage(
  m: unknown,
  profiles: Map<string, Profile>,
  limits: ParseLimits,
  nowMs: number,
): ParsedMessage | string {
  if (!isObj(m)) return 'message is not an object';
  const id = str(m.id, 256);
  if (!id) return 'message without id';
  const profile =
    profiles.get(String(m.from ?? '')) ?? profiles.get(String(m.from_user_id ?? '')) ?? {};
  const identity = identityOf(m.from, m.from_user_id ?? profile.bsuid);
  if (!identity) return 'message without a valid sender';
  const ts = Number(str(m.timestamp, 20));
  const at = Number.isFinite(ts) && ts > 0 ? ts * 1000 : nowMs;
  const base = {
    id,
    at,
    source: 'user' as const,
    profile: { name: profile.name, username: profile.username },
  };
  const content = messageContent(m, limits);
  return { identity, event: { ...base, ...content } as InboundMessageEvent };
}

type Content = DistributiveOmit<InboundMessageEvent, 'id' | 'at' | 'source' | 'profile'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function messageContent(m: Obj, limits: ParseLimits): Content {
  const type = typeof m.type === 'string' ? m.type : 'unknown';
  const unsupported: Content = { kind: 'unsupported', messageType: safeType(type) };
  switch (type) {
    case 'text': {
      const body = isObj(m.text) ? str(m.text.body, limits.maxTextLength) : undefined;
      return body === undefined ? unsupported : { kind: 'text', text: body };
    }
    case 'interactive': {
      const i = isObj(m.interactive) ? m.interactive : {};
      const reply = isObj(i.button_reply)
        ? i.button_reply
        : isObj(i.list_reply)
          ? i.list_reply
          : undefined;
      const replyId = reply ? str(reply.id, 256) : undefined;
      if (!reply || !replyId) return unsupported;
      const title = str(reply.title, 100) ?? '';
      return isObj(i.button_reply)
        ? { kind: 'button', buttonId: replyId, title }
        : { kind: 'listReply', rowId: replyId, title };
    }
    case 'button': {
      const b = isObj(m.button) ? m.button : {};
      const payload = str(b.payload, 256);
      return payload
        ? { kind: 'button', buttonId: payload, title: str(b.text, 100) ?? '' }
        : unsupported;
    }
    case 'location': {
      const l = isObj(m.location) ? m.location : {};
      const lat = Number(l.latitude);
      const lng = Number(l.longitude);
      if (
        !Number.isFinite(lat) ||
        !Number.isFinite(lng) ||
        Math.abs(lat) > 90 ||
        Math.abs(lng) > 180
      )
        return unsupported;
      return {
        kind: 'location',
        latitude: lat,
        longitude: lng,
        name: str(l.name, 256),
        address: str(l.address, 512),
      };
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return parseMediaContent(type, m, limits) ?? unsupported;
    default:
      return unsupported;
  }
}

const KNOWN_TYPES = new Set([
  'text',
  'interactive',
  'button',
  'location',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'contacts',
  'reaction',
  'order',
  'system',
  'unsupported',
  'request_welcome',
]);

/** Message type as a bounded label value. */
export function safeType(type: string): string {
  return KNOWN_TYPES.has(type) ? type : 'other';
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed', 'played', 'deleted']);

function parseStatus(s: unknown): StatusUpdate | string {
  if (!isObj(s)) return 'status is not an object';
  const wamid = str(s.id, 256);
  const status = str(s.status, 32);
  if (!wamid || !status || !STATUSES.has(status))
    return 'status without id or with an unknown status';
  const err = arr(s.errors).find(isObj);
  const ts = Number(str(s.timestamp, 20));
  return {
    wamid,
    status,
    timestamp: Number.isFinite(ts) ? ts * 1000 : 0,
    recipient: str(s.recipient_id, 32) ?? str(s.recipient_user_id, 160),
    ...(err && typeof err.code === 'number'
      ? { errorCode: err.code, errorTitle: str(err.title, 200) }
      : {}),
  };
}
