/** The dependencies of human help and privacy (care/), built the same way for the web and worker roles. */
import type { Config } from '../config';
import type { CareDeps } from '../care/deps';
import type { Logger } from '../observability/logger';
import type { InboxDeps } from '../queue/inbox';
import type { Connections } from './connections';

export function careDepsOf(config: Config, conns: Connections, inbox: InboxDeps, logger: Logger): CareDeps {
  return {
    knex: conns.knex,
    inbox,
    logger,
    // The handoff timer closes a handoff first; the marker's own expiry is only a safety net.
    handoffMarkerTtlMs: (config.care.handoffTimeoutMinutes + 60) * 60_000,
    // No media store yet (backend/src/media/ does not exist): erasure audits that it had none to clear.
  };
}
