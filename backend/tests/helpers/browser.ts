/**
 * A real browser for tests: Debian's Chromium driven by playwright-core (no browser download),
 * headless, in a new empty profile, with nothing that phones home. CHROMIUM_PATH overrides the
 * binary (e.g. Google Chrome on GitHub's runners). Screenshots go to .test-artifacts/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '.test-artifacts',
  'screenshots',
);

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Save a full-page PNG as .test-artifacts/screenshots/<name>.png. */
  shot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(
      `no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    locale: opts.locale ?? 'es-MX',
    viewport: opts.viewport ?? { width: 1280, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
      '--disable-default-apps',
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    shot: async (name, p = page) => {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
