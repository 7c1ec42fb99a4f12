/** Secrets never reach git: `.env` and its variants are ignored, `.env.example` is tracked. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const ignored = (file: string): boolean =>
  spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: root }).status === 0;

describe('.gitignore', () => {
  it.each([
    '.env',
    '.env.local',
    '.env.production',
    '.env.development.local',
    'backend/.env',
    'scripts/.env.staging',
  ])('ignores %s', (file) => {
    expect(ignored(file)).toBe(true);
  });

  it('does not ignore .env.example, which is tracked', () => {
    expect(ignored('.env.example')).toBe(false);
    const tracked = spawnSync('git', ['ls-files', '--error-unmatch', '.env.example'], {
      cwd: root,
    });
    expect(tracked.status).toBe(0);
  });

  it('no .env file other than .env.example is tracked', () => {
    const out = spawnSync('git', ['ls-files'], { cwd: root }).stdout.toString().split('\n');
    expect(out.filter((f) => /(^|\/)\.env(\.|$)/.test(f) && !f.endsWith('.env.example'))).toEqual(
      [],
    );
  });
});
