/**
 * Erasure of a person's data ("borrar mis datos" on WhatsApp, or ops from the console): media
 * storage first (files and rows, media/ through deps.ts), then Postgres (one transaction:
 * db/erasure.ts), then Redis
 * (erase-redis.ts) once the conversation has sent its last reply — as a job on the timers queue,
 * which waits for the conversation to be idle. Every step writes an audit row (counts only, never
 * the data itself).
 */
import { writeAudit } from '../db/audit-log';
import {
  erasePersonData,
  findErasureTarget,
  listPersonTexts,
  type ErasureCounts,
} from '../db/erasure';
import { findUserByIdentity } from '../db/users';
import { conversationKeyOf, contactFromKey, type Contact } from '../shared/conversation-key';
import { sendToNumber } from '../shared/phone';
import { maskKey } from '../shared/mask';
import { jobIdOf } from '../queue/keys';
import type { CareDeps } from './deps';
import { ERASE_REDIS_JOB, type EraseRedisData } from './erase-redis';

export interface ErasureOutcome {
  erased: boolean;
  counts?: ErasureCounts;
}

/** Erase the person of a conversation (WhatsApp). */
export async function eraseByConversation(
  deps: CareDeps,
  input: { key: string; contact: Contact; idempotencyKey: string; now?: Date },
): Promise<ErasureOutcome> {
  const fromKey = contactFromKey(input.key);
  const user = await findUserByIdentity(deps.knex, {
    waId: input.contact.waId ?? fromKey.waId,
    bsuid: input.contact.bsuid ?? fromKey.bsuid,
  });
  // Already erased (a retried command): the Redis sweep may still be pending, so schedule it again.
  if (!user) {
    await scheduleRedisErasure(
      deps,
      {
        keys: [input.key],
        identifiers: [fromKey.waId, fromKey.bsuid].filter(isText),
        quotes: [],
        userId: 0,
      },
      3000,
    );
    return { erased: true };
  }
  return erasePerson(deps, {
    userId: user.id,
    actor: `user:${user.id}`,
    via: 'whatsapp',
    extraKeys: [input.key],
    redisDelayMs: 3000,
    now: input.now,
  });
}

/**
 * Erase one person everywhere. `redisDelayMs`: how long to leave the conversation to send its
 * last reply before its Redis keys are swept (the sweep also waits for it to be idle).
 */
export async function erasePerson(
  deps: CareDeps,
  input: {
    userId: number;
    actor: string;
    via: 'whatsapp' | 'console';
    extraKeys?: string[];
    redisDelayMs?: number;
    now?: Date;
  },
): Promise<ErasureOutcome> {
  const now = input.now ?? new Date();
  const target = await findErasureTarget(deps.knex, input.userId);
  if (!target) return { erased: false };
  const identifiers = [
    target.waId,
    target.waId ? sendToNumber(target.waId) : null,
    target.bsuid,
    target.name,
    target.providerName,
  ].filter(isText);
  const keys = [
    ...new Set(
      [
        conversationKeyOf({ waId: target.waId }),
        conversationKeyOf({ bsuid: target.bsuid }),
        ...(input.extraKeys ?? []),
      ].filter(isText),
    ),
  ];

  // What they wrote that may have been quoted to others (before it is erased below).
  const quotes = await listPersonTexts(deps.knex, target.userId);
  // Media first: its rows (captions, file keys) belong to the person and its files live outside Postgres.
  if (deps.media) {
    const report = await deps.media.deleteFor({ userId: target.userId, conversationKeys: keys });
    await writeAudit(deps.knex, {
      actor: input.actor,
      action: 'privacy.erase.media',
      entity: 'user',
      entityId: target.userId,
      data: report,
    });
  } else {
    await writeAudit(deps.knex, {
      actor: input.actor,
      action: 'privacy.erase.media',
      entity: 'user',
      entityId: target.userId,
      data: { skipped: 'no media store configured' },
    });
  }

  const counts = await deps.knex.transaction(async (trx) => {
    const c = await erasePersonData(
      trx,
      { userId: target.userId, identifiers, conversationKeys: keys },
      now,
    );
    await writeAudit(trx, {
      actor: input.actor,
      action: 'privacy.erase.postgres',
      entity: 'user',
      entityId: target.userId,
      data: { via: input.via, counts: c },
    });
    return c;
  });

  await scheduleRedisErasure(
    deps,
    { keys, identifiers, quotes, userId: target.userId, actor: input.actor },
    input.redisDelayMs ?? 0,
  );
  deps.logger.info(
    { event: 'privacy.erased', userId: target.userId, via: input.via, keys: keys.map(maskKey) },
    'personal data erased from Postgres; Redis sweep scheduled',
  );
  return { erased: true, counts };
}

async function scheduleRedisErasure(
  deps: CareDeps,
  data: EraseRedisData,
  delayMs: number,
): Promise<void> {
  await deps.inbox.queues.timers.add(
    ERASE_REDIS_JOB,
    {
      key: '',
      timerId: 'erase',
      timer: ERASE_REDIS_JOB,
      data: data as unknown as Record<string, unknown>,
    },
    {
      jobId: jobIdOf(`erase/${data.userId}/${Date.now()}`),
      delay: delayMs,
      attempts: 12,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  );
}

function isText(v: string | null | undefined): v is string {
  return typeof v === 'string' && v.length > 0;
}
