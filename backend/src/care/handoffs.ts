/**
 * Handoffs to a person: open (WhatsApp: "hablar con un asesor", an appeal), record what the person
 * writes while the bot is paused, reply as an operator, hand back (console) or time out (timer).
 *
 * The pause is a per-conversation marker in Redis (`queue/keys.ts` handoffKey, value = handoff id)
 * that the conversation worker reads before the pure step; Postgres holds the handoff and its
 * transcript. Every change is audited.
 */
import { writeAudit } from '../db/audit-log';
import {
  appendHandoffMessage,
  closeHandoff,
  getHandoff,
  openHandoff,
  type Handoff,
  type HandoffReason,
} from '../db/handoffs';
import { findUserByIdentity } from '../db/users';
import { contactFromKey, type Contact } from '../shared/conversation-key';
import type { OutboundMessage } from '../shared/messages';
import { maskKey } from '../shared/mask';
import { enqueueEntries } from '../queue/inbox';
import { conversationKeys, handoffKey, handoffQuietKey } from '../queue/keys';
import type { CareDeps } from './deps';

/** Longest message kept in a transcript (characters). */
const MAX_BODY = 2000;

export async function openHandoffFor(
  deps: CareDeps,
  input: {
    key: string;
    contact: Contact;
    reason: HandoffReason;
    idempotencyKey: string;
    said?: string;
  },
): Promise<{ handoffId: number; created: boolean }> {
  const identity = { ...contactFromKey(input.key), ...definedOf(input.contact) };
  const user = await findUserByIdentity(deps.knex, identity);
  const { handoff, created } = await openHandoff(deps.knex, {
    conversationKey: input.key,
    userId: user?.id ?? null,
    reason: input.reason,
    idempotencyKey: input.idempotencyKey,
    ...(input.said ? { firstMessage: input.said.slice(0, MAX_BODY) } : {}),
  });
  await deps.inbox.redis.set(
    handoffKey(deps.inbox.prefix, input.key),
    String(handoff.id),
    'PX',
    deps.handoffMarkerTtlMs,
  );
  if (created) {
    await writeAudit(deps.knex, {
      actor: user ? `user:${user.id}` : 'user:unknown',
      action: 'handoff.open',
      entity: 'handoff',
      entityId: handoff.id,
      data: { reason: input.reason },
    });
    deps.logger.info(
      {
        event: 'handoff.opened',
        handoffId: handoff.id,
        key: maskKey(input.key),
        reason: input.reason,
      },
      'handoff opened',
    );
  }
  return { handoffId: handoff.id, created };
}

function definedOf(contact: Contact): Contact {
  return {
    ...(contact.waId ? { waId: contact.waId } : {}),
    ...(contact.bsuid ? { bsuid: contact.bsuid } : {}),
  };
}

/** The open handoff of a conversation, if the bot is paused for it (one Redis read). */
export async function pausedFor(
  deps: Pick<CareDeps, 'inbox'>,
  key: string,
): Promise<number | null> {
  const raw = await deps.inbox.redis.get(handoffKey(deps.inbox.prefix, key));
  const id = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** How long after a note to the person, or an operator's reply, no new "received" note is sent. */
export const HANDOFF_QUIET_MS = 10 * 60_000;

/**
 * Whether a person writing while handed to the team should be told their message arrived: once per
 * quiet spell (atomic SET NX with a TTL, so concurrent messages get one note between them).
 */
export async function acknowledgementDue(
  deps: Pick<CareDeps, 'inbox'>,
  key: string,
): Promise<boolean> {
  const set = await deps.inbox.redis.set(
    handoffQuietKey(deps.inbox.prefix, key),
    '1',
    'PX',
    HANDOFF_QUIET_MS,
    'NX',
  );
  return set === 'OK';
}

/** A message the person sent while the bot is paused, as the console shows it. */
export async function recordPersonMessage(
  deps: CareDeps,
  handoffId: number,
  eventId: string,
  body: string,
): Promise<void> {
  await appendHandoffMessage(deps.knex, {
    handoffId,
    author: 'person',
    body: body.slice(0, MAX_BODY),
    sourceId: eventId,
  });
}

/**
 * Close a handoff. `operator`: handed back from the console (the person is told by the bot, via a
 * `handoffReturned` notice); `timeout`: its timer fired (the conversation tells the person itself);
 * `person`: they typed "menú" (the bot answers that message).
 * Null when it was not open.
 */
export async function closeHandoffBy(
  deps: CareDeps,
  handoffId: number,
  by: { kind: 'operator'; operatorId: number } | { kind: 'timeout' } | { kind: 'person' },
  now = new Date(),
): Promise<Handoff | null> {
  const closedBy = by.kind === 'operator' ? `operator:${by.operatorId}` : by.kind;
  const closed = await closeHandoff(deps.knex, handoffId, closedBy, now);
  if (!closed) return null;
  const marker = handoffKey(deps.inbox.prefix, closed.conversationKey);
  if ((await deps.inbox.redis.get(marker)) === String(handoffId))
    await deps.inbox.redis.del(marker);
  await appendHandoffMessage(deps.knex, {
    handoffId,
    author: 'system',
    body:
      by.kind === 'operator'
        ? 'handed back to the bot'
        : by.kind === 'person'
          ? 'the person went back to the bot'
          : 'timed out: back to the bot',
  });
  await writeAudit(deps.knex, {
    actor: closedBy,
    action: 'handoff.close',
    entity: 'handoff',
    entityId: handoffId,
    data: { by: by.kind },
  });
  if (by.kind === 'operator') {
    const at = now.getTime();
    const id = `handoff:returned:${handoffId}`;
    await enqueueEntries(deps.inbox, closed.conversationKey, [
      {
        event: {
          source: 'internal',
          kind: 'notice',
          id,
          at,
          notice: 'handoffReturned',
          data: { handoffId },
        },
        correlationId: id,
        receivedAt: at,
      },
    ]);
  }
  deps.logger.info(
    { event: 'handoff.closed', handoffId, by: by.kind, key: maskKey(closed.conversationKey) },
    'handoff closed',
  );
  return closed;
}

/** When the person last wrote (ms), from the conversation's meta: the 24 h window starts there. */
export async function lastInboundAt(
  deps: Pick<CareDeps, 'inbox'>,
  key: string,
): Promise<number | null> {
  const raw = await deps.inbox.redis.hget(
    conversationKeys(deps.inbox.prefix, key).meta,
    'lastInboundAt',
  );
  return raw ? Number(raw) : null;
}

/** Record an operator's reply in the transcript (audited); null when the handoff is not open. */
export async function recordOperatorReply(
  deps: CareDeps,
  input: { handoffId: number; operatorId: number; text: string; sent: OutboundMessage['type'] },
): Promise<Handoff | null> {
  const handoff = await getHandoff(deps.knex, input.handoffId);
  if (!handoff || handoff.status !== 'open') return null;
  // An operator is answering: the bot's "received" notes stay quiet meanwhile.
  await deps.inbox.redis.set(
    handoffQuietKey(deps.inbox.prefix, handoff.conversationKey),
    '1',
    'PX',
    HANDOFF_QUIET_MS,
  );
  await appendHandoffMessage(deps.knex, {
    handoffId: handoff.id,
    author: 'operator',
    operatorId: input.operatorId,
    body: input.text.slice(0, MAX_BODY),
  });
  await writeAudit(deps.knex, {
    actor: `operator:${input.operatorId}`,
    action: 'handoff.reply',
    entity: 'handoff',
    entityId: handoff.id,
    data: { as: input.sent, length: input.text.length },
  });
  return handoff;
}
