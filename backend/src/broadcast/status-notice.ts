/**
 * A status notice from the on-call to everyone with something open (an incident, a maintenance
 * window): customers with a request in progress and providers with an accepted job
 * (db/open-request-contacts.ts), in each person's language, never to someone who opted out
 * (db/opt-out.ts).
 *
 * Each notice is one job on the outbound queue, so the sender does what it does for every reply:
 * inside the 24 h customer-service window the text goes out as is, outside it the `notice`
 * template carries the same words (outbound/template-fallback.ts); rate limits, retries and dead
 * letters apply. Nothing here calls the Cloud API.
 *
 * Idempotent per broadcast id: the job id is derived from (broadcast id, user id), so BullMQ and
 * the sender's "sent" marker never send one twice, and a Redis set remembers for 30 days who was
 * already given this broadcast, so running the same id again enqueues only for people who were
 * not reached (new open requests since, or a run that was interrupted).
 */
import type { Knex } from 'knex';
import type { Queue } from 'bullmq';
import { writeAudit } from '../db/audit-log';
import { listOpenRequestContacts } from '../db/open-request-contacts';
import type { Locale } from '../db/users';
import { templateParam } from '../conversation/render/out';
import { outboundJobOptions } from '../queue/job-options';
import type { OutboundJob } from '../queue/jobs';
import { broadcastKey } from '../queue/keys';
import type { RedisClient } from '../queue/redis';
import { conversationKeyOf } from '../shared/conversation-key';

export interface StatusNotice {
  /** Names the broadcast (letters, digits, `_ . -`, up to 64); the same id never reaches one person twice. */
  id: string;
  text: Record<Locale, string>;
}

export interface BroadcastDeps {
  knex: Knex;
  redis: RedisClient;
  prefix: string;
  outbound: Queue<OutboundJob>;
  /** Attempts of each send (config OUTBOUND_MAX_ATTEMPTS). */
  attempts: number;
}

export interface BroadcastResult {
  id: string;
  /** People with an open request or an accepted job. */
  open: number;
  /** Notices put on the outbound queue by this run. */
  enqueued: number;
  /** Already given this broadcast by an earlier run. */
  alreadySent: number;
  /** Opted out: never messaged. */
  optedOut: number;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const REMEMBER_S = 30 * 24 * 3600;

/**
 * Longest text accepted (characters). Outside the 24 h window the words travel as the `notice`
 * template's one parameter; a template body is at most 1,024 characters after substitution
 * (outbound/limits.ts) and the template's own words take part of it. A status notice is short.
 */
export const MAX_NOTICE_CHARS = 700;

/** Problems with a notice (empty = fine): a usable id, and each text non-empty and short enough. */
export function noticeProblems(notice: StatusNotice): string[] {
  const problems: string[] = [];
  if (!ID.test(notice.id)) problems.push('the broadcast id must be 1-64 letters, digits, _ . or -');
  for (const locale of ['es', 'en'] as const) {
    const length = [...(notice.text[locale] ?? '').trim()].length;
    if (length === 0) problems.push(`the ${locale} text is empty`);
    else if (length > MAX_NOTICE_CHARS)
      problems.push(`the ${locale} text has ${length} characters (at most ${MAX_NOTICE_CHARS})`);
  }
  return problems;
}

export async function broadcastStatusNotice(
  deps: BroadcastDeps,
  notice: StatusNotice,
  o: { actor: string; dryRun?: boolean },
): Promise<BroadcastResult> {
  const problems = noticeProblems(notice);
  if (problems.length > 0) throw new Error(`invalid status notice: ${problems.join('; ')}`);
  const contacts = await listOpenRequestContacts(deps.knex);
  const doneKey = broadcastKey(deps.prefix, notice.id);
  const done = new Set(await deps.redis.smembers(doneKey));
  const result: BroadcastResult = {
    id: notice.id,
    open: contacts.length,
    enqueued: 0,
    alreadySent: 0,
    optedOut: 0,
  };
  for (const contact of contacts) {
    const key = conversationKeyOf(contact);
    if (!key) continue; // not reached: every user row has a WhatsApp id or a BSUID (users_identity_check)
    if (contact.optedOut) result.optedOut++;
    else if (done.has(String(contact.userId))) result.alreadySent++;
    else {
      result.enqueued++;
      if (o.dryRun) continue;
      const body = notice.text[contact.locale].trim();
      const commandId = `broadcast:${notice.id}:${contact.userId}`;
      const job: OutboundJob = {
        commandId,
        key,
        correlationId: `broadcast:${notice.id}`,
        action: {
          kind: 'send',
          message: { type: 'text', body },
          fallback: { template: 'notice', params: [templateParam(body)], locale: contact.locale },
        },
      };
      await deps.outbound.add('send', job, outboundJobOptions(commandId, deps.attempts));
      // After the enqueue: a crash in between re-adds the same job id next run (a no-op).
      await deps.redis.sadd(doneKey, String(contact.userId));
      await deps.redis.expire(doneKey, REMEMBER_S);
    }
  }
  if (!o.dryRun) {
    const { open, enqueued, alreadySent, optedOut } = result;
    await writeAudit(deps.knex, {
      actor: o.actor,
      action: 'broadcast.status',
      entity: 'broadcast',
      entityId: notice.id,
      data: {
        es: notice.text.es,
        en: notice.text.en,
        open,
        enqueued,
        alreadySent,
        optedOut,
      },
    });
  }
  return result;
}
