/**
 * Opt-out of proactive and template messages ("STOP", "baja", "no más mensajes"; undone with
 * "alta"). Recorded on the user in Postgres (db/opt-out.ts, the one check) and audited; the sender
 * asks `optedOutByKey` before any proactive or template send (outbound/sender.ts).
 */
import type { Knex } from 'knex';
import { writeAudit } from '../db/audit-log';
import { isOptedOut, setOptedOut } from '../db/opt-out';
import { findUserByIdentity } from '../db/users';
import { contactFromKey, type Contact } from '../shared/conversation-key';

/** Whether the person of a conversation opted out (false for someone unknown). */
export async function optedOutByKey(knex: Knex, key: string): Promise<boolean> {
  const user = await findUserByIdentity(knex, contactFromKey(key));
  return user ? isOptedOut(knex, user.id) : false;
}

export async function setOptOutFor(
  knex: Knex,
  input: { key: string; contact: Contact; optedOut: boolean; at: Date; actor?: string },
): Promise<{ changed: boolean }> {
  const fromKey = contactFromKey(input.key);
  const user = await findUserByIdentity(knex, {
    waId: input.contact.waId ?? fromKey.waId,
    bsuid: input.contact.bsuid ?? fromKey.bsuid,
  });
  if (!user) return { changed: false };
  return knex.transaction(async (trx) => {
    const was = await isOptedOut(trx, user.id);
    if (was === input.optedOut) return { changed: false };
    await setOptedOut(trx, user.id, input.optedOut ? input.at : null);
    await writeAudit(trx, {
      actor: input.actor ?? `user:${user.id}`,
      action: input.optedOut ? 'privacy.opt_out' : 'privacy.opt_in',
      entity: 'user',
      entityId: user.id,
    });
    return { changed: true };
  });
}
