/** What the media functions work with. */
import type { Knex } from 'knex';
import type { Logger } from '../observability/logger';
import type { CloudMediaClient } from './cloud-media-client';
import type { MediaStorage } from './storage/types';

export interface MediaDeps {
  knex: Knex;
  storage: MediaStorage;
  cloud: CloudMediaClient;
  logger?: Logger;
  /** Captions are stored cut to this many characters (MAX_TEXT_LENGTH, like text messages). */
  maxCaptionLength: number;
}
