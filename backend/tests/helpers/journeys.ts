/** Reusable steps of the customer flow for e2e tests (Spanish). */
import { ChatUser } from './chat';
import { ROMA_NORTE } from './marketplace';

/** New customer → name → menu → service → location; leaves them at the providers list. */
export async function customerUpToProviders(
  c: ChatUser,
  name: string,
  service = /Plomería/,
): Promise<void> {
  await c.say('hola');
  await c.expect(/Cómo te llamas/);
  await c.say(name);
  await c.expect((m) => m.options.some((o) => /Pedir un servicio/.test(o.title)));
  await c.tap(/Pedir un servicio/);
  await c.expect(/Qué servicio necesitas/);
  await c.tap(service);
  await c.expect(/qué pasa|what's wrong/i);
  await c.tap(/^(Omitir|Skip)$/);
  await c.expect(/a dónde enviamos al proveedor/);
  await c.location(ROMA_NORTE.lat, ROMA_NORTE.lng);
}

/** A provider who has talked to the bot (inside the 24 h window) and is idle. */
export async function warmUp(p: ChatUser): Promise<void> {
  await p.say('hola');
  await p.expect(/.+/);
}
