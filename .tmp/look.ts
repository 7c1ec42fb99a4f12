import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'es-MX',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
    ],
  });
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) console.log('HTTP', r.status(), r.url());
  });
  await page.goto('http://127.0.0.1:4310/chat');
  const a = page.locator('#pane-a');
  await a.getByRole('textbox', { name: 'Mensaje' }).fill('hola');
  await a.getByRole('button', { name: 'Enviar', exact: true }).click();
  await a.getByText('Qué quieres hacer').waitFor();
  await a
    .getByRole('button', { name: /Ver opciones/ })
    .last()
    .click();
  await page
    .locator('#list-sheet')
    .getByRole('button', { name: /Pedir un servicio/ })
    .click();
  await a
    .getByRole('button', { name: /Ver servicios/ })
    .last()
    .click();
  await page
    .locator('#list-sheet')
    .getByRole('button', { name: /Plomería/ })
    .click();
  await a
    .getByRole('button', { name: /Enviar ubicación/ })
    .last()
    .click();
  await page.locator('#colonia').selectOption({ label: 'Roma Norte' });
  await page.locator('#map-send').click();
  await a
    .getByText(/mejores proveedores/)
    .last()
    .waitFor();
  await page.screenshot({ path: '.tmp/chat.png' });
  await page.goto('http://127.0.0.1:3310/console/login');
  await page.getByLabel('Usuario').fill('demo');
  await page.getByLabel('Contraseña').fill(process.argv[2]!);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Cifras de hoy' }).waitFor();
  await page.screenshot({ path: '.tmp/console.png', fullPage: true });
  await page.goto('http://127.0.0.1:3310/console/providers');
  await page.screenshot({ path: '.tmp/providers.png' });
  await ctx.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
