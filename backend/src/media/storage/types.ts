/**
 * Where the bytes of received media live. Two backends: a local directory (default) and
 * S3-compatible object storage. Keys are ours (`u<owner>/<yyyymm>/<uuid>.<ext>`), never a user's
 * text, so they need no escaping; both backends refuse anything else.
 */
import type { StorageBackend } from '../../db/media';

export interface MediaStorage {
  readonly backend: StorageBackend;
  /** A directory for files being downloaded (created if missing; on the store's file system when local). */
  tmpDir(): Promise<string>;
  /** Move (local) or upload (S3) the file at `srcPath` to `key`; `srcPath` is consumed or left for the caller to remove. */
  putFile(
    key: string,
    srcPath: string,
    meta: { mimeType: string; sizeBytes: number },
  ): Promise<void>;
  /** The whole object (tests, small files). */
  getBytes(key: string): Promise<Buffer>;
  /**
   * Run `fn` with a local path holding the object's bytes: the stored file itself (local), or a
   * temporary copy removed afterwards (S3).
   */
  withLocalFile<T>(key: string, fn: (path: string) => Promise<T>): Promise<T>;
  exists(key: string): Promise<boolean>;
  /** Remove the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys we write: lower-case letters, digits, `/`, `.`, `-`, `_`; no `..`, no leading `/`. */
const KEY = /^[a-z0-9][a-z0-9/._-]{0,250}$/;

export function assertKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.includes('//'))
    throw new Error(`invalid media storage key`);
  return key;
}
