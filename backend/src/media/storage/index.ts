/** The media storage chosen by the configuration (MEDIA_STORAGE). */
import type { Config } from '../../config';
import { createLocalStorage } from './local';
import { createS3Storage } from './s3';
import type { MediaStorage } from './types';

export type { MediaStorage } from './types';
export { createLocalStorage } from './local';
export { createS3Storage, createS3Client, type S3StorageOptions } from './s3';

export function createMediaStorage(media: Config['media']): MediaStorage {
  return media.storage === 's3' ? createS3Storage(media.s3) : createLocalStorage(media.localDir);
}
