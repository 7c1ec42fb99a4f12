/** The dependencies of human help and privacy (care/), built the same way for the web and worker roles. */
import type { Config } from '../config';
import type { CareDeps } from '../care/deps';
import type { Logger } from '../observability/logger';
import type { InboxDeps } from '../queue/inbox';
import type { Connections } from './connections';
import { cloudMediaClientOf, createMediaStorage, deleteMediaOf } from '../media';

export function careDepsOf(
  config: Config,
  conns: Connections,
  inbox: InboxDeps,
  logger: Logger,
): CareDeps {
  const storage = createMediaStorage(config.media);
  return {
    knex: conns.knex,
    inbox,
    logger,
    // The handoff timer closes a handoff first; the marker's own expiry is only a safety net.
    handoffMarkerTtlMs: (config.care.handoffTimeoutMinutes + 60) * 60_000,
    // Files and rows of the person's media, and our re-uploads of them at Meta (best effort; they
    // would expire there within 30 days). A client per erasure: it is rare, and nothing is left open.
    media: {
      deleteFor: async ({ userId }) => {
        const cloud = cloudMediaClientOf(config);
        try {
          return await deleteMediaOf({ knex: conns.knex, storage, logger, cloud }, userId);
        } finally {
          cloud.close();
        }
      },
    },
  };
}
