/** saveMedia / attachMediaToRequest / listRequestMedia / requestMediaMessages: a user's photos and voice notes. */
import type { Knex } from 'knex';
import type { Operations } from '../conversation/operations';
import { linkMediaToRequest } from '../db/media';
import { getRequest } from '../db/requests';
import type { MediaService } from '../media';
import { listRequestMedia } from '../media/show';
import type { OperationHandler } from './registry';
import { once, type Tx } from './idempotency';

/** Without a media service (tests and tools that build handlers without one) a save fails plainly. */
export function saveMedia(media: MediaService | undefined): OperationHandler<'saveMedia'> {
  return async (input, ctx) =>
    media
      ? media.saveMedia(input, ctx.now)
      : { status: 'failed', reason: 'media storage is not configured in this process' };
}

type AttachOutput = Operations['attachMediaToRequest']['output'];

export function attachMediaToRequest(knex: Knex): OperationHandler<'attachMediaToRequest'> {
  return async (input) =>
    once(
      knex,
      'attachMediaToRequest',
      input.idempotencyKey,
      input,
      async ({ trx }: Tx): Promise<AttachOutput> => {
        const request = await getRequest(trx, input.requestId);
        if (!request || request.customerId !== input.userId)
          return { status: 'not_allowed', requestId: input.requestId };
        const ids = [
          ...new Set(input.storedMediaIds.filter((id) => Number.isInteger(id) && id > 0)),
        ];
        const attached = await linkMediaToRequest(trx, {
          ids,
          ownerUserId: input.userId,
          requestId: request.id,
        });
        return { status: 'attached', requestId: request.id, attached };
      },
    );
}

export function listRequestMediaHandler(knex: Knex): OperationHandler<'listRequestMedia'> {
  return async (input) => ({
    requestId: input.requestId,
    media: await listRequestMedia({ knex }, input.requestId),
  });
}

export function requestMediaMessages(
  media: MediaService | undefined,
): OperationHandler<'requestMediaMessages'> {
  return async (input, ctx) => ({
    requestId: input.requestId,
    messages: media ? await media.mediaMessagesForRequest(input.requestId, ctx.now) : [],
  });
}
