/** Media in a local directory: `<dir>/<key>`, files mode 0600, written by rename from `<dir>/.tmp`. */
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { assertKey, type MediaStorage } from './types';

export function createLocalStorage(dir: string): MediaStorage {
  const root = path.resolve(dir);
  const tmp = path.join(root, '.tmp');
  const pathOf = (key: string): string => path.join(root, ...assertKey(key).split('/'));

  return {
    backend: 'local',
    async tmpDir() {
      await mkdir(tmp, { recursive: true, mode: 0o700 });
      return tmp;
    },
    async putFile(key, srcPath) {
      const dest = pathOf(key);
      await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      try {
        await rename(srcPath, dest);
      } catch (err) {
        // Another file system (a tmp dir elsewhere): copy, the caller removes the source.
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await copyFile(srcPath, dest);
      }
    },
    getBytes: (key) => readFile(pathOf(key)),
    withLocalFile: async (key, fn) => fn(pathOf(key)),
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
