/**
 * The demo chat page (`/chat` on the fake Cloud API) in a real browser books a job end to end: a
 * new person is created in the left pane, asks for a plumber through the real list and button
 * messages, shares a location by picking a colonia on the map sheet and lets the app choose; the
 * provider in the right pane gets the offer (a template: they never wrote) and accepts it; the
 * customer is told; the provider marks the job done and the customer rates it.
 */
import { startTestSystem, type TestSystem } from '../helpers/system';
import { addProvider, seedServiceTypes } from '../helpers/marketplace';
import { eventually } from '../helpers/redis';
import { openBrowser, type TestBrowser } from '../helpers/browser';

jest.setTimeout(120_000);

let t: TestSystem;
let b: TestBrowser;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  const services = await seedServiceTypes(t.db.knex);
  await addProvider(t.db.knex, services, { waId: '5215533330001', displayName: 'Plomería Demo' });
  t.fake.setDemoPeople([{ waId: '5215533330001', name: 'Plomería Demo', role: 'provider' }]);
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
  await t?.stop();
});

it('books a job end to end from the browser, watching both sides', async () => {
  const { page } = b;
  await page.goto(`${t.fake.url}/chat`);
  const customer = page.locator('#pane-a');
  const provider = page.locator('#pane-b');
  await provider
    .getByRole('combobox', { name: 'Persona' })
    .locator('option', { hasText: 'Plomería Demo' })
    .waitFor({ state: 'attached' });

  // A new person in the left pane.
  await customer.getByRole('button', { name: '+ Persona' }).click();
  await page.getByLabel('Nombre').fill('Carla Demo');
  await page.getByLabel(/WhatsApp/).fill('5215533330002');
  await page.getByRole('button', { name: 'Crear' }).click();
  await expectAttr(customer, 'data-wa-id', '5215533330002');
  await provider
    .getByRole('combobox', { name: 'Persona' })
    .selectOption({ label: 'Plomería Demo · proveedor · 5215533330001' });

  const say = async (text: string) => {
    await customer.getByRole('textbox', { name: 'Mensaje' }).fill(text);
    await customer.getByRole('button', { name: 'Enviar', exact: true }).click();
  };
  const sheet = page.locator('#list-sheet');
  await say('hola');
  await customer.getByText(/Cómo te llamas/).waitFor();
  await say('Carla Mendoza');
  await customer.getByText(/En qué te ayudo/).waitFor();
  await customer
    .getByRole('button', { name: /Ver opciones/ })
    .last()
    .click();
  await sheet.getByRole('button', { name: /Pedir un servicio/ }).click();
  await customer
    .getByRole('button', { name: /Ver servicios/ })
    .last()
    .click();
  await sheet.getByRole('button', { name: /Plomería/ }).click();
  // "¿Qué pasa?": a photo of the problem (real bytes through the fake's media store), then on.
  await customer
    .getByText(/qué pasa/i)
    .last()
    .waitFor();
  await customer.locator('input[type=file]').setInputFiles({
    name: 'fuga.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]),
  });
  await customer.getByText('📷 fuga.jpg').waitFor();
  await customer
    .getByText(/Recibido/)
    .last()
    .waitFor();
  await customer.getByRole('button', { name: 'Continuar' }).last().click();
  await customer
    .getByRole('button', { name: /Enviar ubicación/ })
    .last()
    .click();
  await page.locator('#map-sheet svg').click({ position: { x: 150, y: 150 } }); // somewhere on the map…
  await page.getByLabel('Colonia').selectOption({ label: 'Roma Norte' }); // …then a colonia
  await page.getByRole('button', { name: 'Enviar ubicación', exact: true }).click();
  await customer.getByText(/ordenados por cercanía/).waitFor();
  await customer
    .getByRole('button', { name: /Ver proveedores/ })
    .last()
    .click();
  await sheet.getByRole('button', { name: /Que la app elija/ }).click();
  await customer.getByText(/enviamos tu solicitud/i).waitFor();

  // The provider's side: the offer arrives as a template (they never wrote to the bot).
  await provider
    .getByText(/plantilla/)
    .first()
    .waitFor();
  await b.shot('demo-chat-offer');
  await provider
    .getByRole('button', { name: /Aceptar/ })
    .last()
    .click();
  await provider.getByText(/El trabajo es tuyo/).waitFor();
  await customer.getByText(/Plomería Demo aceptó/).waitFor();
  await provider.getByRole('button', { name: 'Terminado' }).last().click();
  // "Terminado" right after accepting asks the customer to confirm first.
  await customer
    .getByRole('button', { name: /Calificar|Sí, ya quedó/ })
    .last()
    .waitFor();
  if ((await customer.getByRole('button', { name: /Calificar/ }).count()) === 0) {
    await customer.getByRole('button', { name: 'Sí, ya quedó' }).last().click();
  }
  await customer
    .getByRole('button', { name: /Calificar/ })
    .last()
    .click();
  await sheet.getByRole('button', { name: /Excelente/ }).click();
  await customer
    .getByText(/comentario/i)
    .last()
    .waitFor();
  await b.shot('demo-chat');

  const request = await eventually(() =>
    t.db.knex('service_requests').where({ status: 'done' }).first(),
  );
  const rating = await eventually(() =>
    t.db.knex('ratings').where({ request_id: request.id }).first(),
  );
  expect(rating.stars).toBe(5);
  // The photo was stored and shown to the provider with the offer.
  expect(await t.db.knex('media').where({ request_id: request.id }).first()).toBeTruthy();
});

async function expectAttr(
  loc: import('playwright-core').Locator,
  name: string,
  value: string,
): Promise<void> {
  await eventually(async () => (await loc.getAttribute(name)) === value, 5000);
}
