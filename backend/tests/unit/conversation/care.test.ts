/** flows/care.ts: business hours, the wait told, the erase confirmation, reasons quoted to providers. */
import {
  inBusinessHours,
  waitText,
  confirmEraseInput,
  askForHuman,
  handoffOpened,
} from '../../../src/conversation/flows/care';
import { approvalNotice } from '../../../src/conversation/flows/provider/account';
import { resolveContext, CARE_DEFAULTS } from '../../../src/conversation/context';
import { businessHours } from '../../../src/config/lists';
import type { ActiveState, Profile } from '../../../src/conversation/state';
import { Script, callOf, ev, fixture } from './harness';

const profile: Profile = {
  userId: 7,
  name: 'Ana',
  locale: 'es',
  phone: '525512345678',
  provider: null,
  lastRequest: null,
};
const MON_10_CDMX = Date.UTC(2026, 11, 7, 16, 0); // Monday 7 Dec 2026, 10:00 in Mexico City (UTC−6)
const SUN_10_CDMX = Date.UTC(2026, 11, 6, 16, 0);
const MON_20_CDMX = Date.UTC(2026, 11, 8, 2, 0);
const env = (now: number) => ({
  ...resolveContext({ now, sessionExpired: false }),
  eventId: 'wamid.1',
});

describe('business hours', () => {
  const hours = businessHours('1-6@09:00-19:00');
  it('reads the configured spec', () => {
    expect(hours).toEqual({ days: [1, 2, 3, 4, 5, 6], openMinute: 540, closeMinute: 1140 });
    expect(businessHours('1-5,7@08:30-20:00').days).toEqual([1, 2, 3, 4, 5, 7]);
  });
  it('is open on a Monday morning in Mexico City, closed on Sunday and after 19:00', () => {
    expect(inBusinessHours(MON_10_CDMX, hours, -360)).toBe(true);
    expect(inBusinessHours(SUN_10_CDMX, hours, -360)).toBe(false);
    expect(inBusinessHours(MON_20_CDMX, hours, -360)).toBe(false);
  });
  it('tells the expected wait inside hours and the hours outside them', () => {
    expect(waitText('es', env(MON_10_CDMX))).toContain(`${CARE_DEFAULTS.expectedWaitMinutes} min`);
    expect(waitText('es', env(SUN_10_CDMX))).toContain('de 9:00 a 19:00');
    expect(waitText('en', env(SUN_10_CDMX))).toContain('from 9:00 to 19:00');
  });
});

describe('handoff', () => {
  const menu: ActiveState = { name: 'mainMenu', profile };
  it.each([
    ['mainMenu', 'el plomero me está cobrando de más'],
    ['awaitingProvider', 'quiero hablar con un asesor, nadie me contesta'],
    ['shareLocation', 'el señor no trae herramienta'],
  ] as const)(
    'from %s, what was said goes with the handoff (%j): the person reads it',
    (name, text) => {
      const s = new Script(fixture(name)).send(ev.text(text));
      expect(callOf(s.last, 'openHandoff').input).toMatchObject({ reason: 'user', said: text });
    },
  );

  it('asks for a handoff idempotently (the event id) and starts the timeout only when created', () => {
    const ask = askForHuman(menu, env(MON_10_CDMX), 'user', 'hablar con un asesor');
    expect(ask.commands).toEqual([
      {
        kind: 'call',
        op: 'openHandoff',
        input: { idempotencyKey: 'wamid.1', reason: 'user', said: 'hablar con un asesor' },
        tag: 'handoff.open',
      },
    ]);
    const opened = handoffOpened(
      menu,
      {
        kind: 'result',
        op: 'openHandoff',
        tag: 'handoff.open',
        ok: true,
        output: { handoffId: 4, created: true },
      },
      env(MON_10_CDMX),
    );
    expect(opened.commands.map((c) => c.kind)).toEqual(['send', 'startTimer']);
    expect(opened.commands[1]).toMatchObject({
      timerId: 'handoff:4',
      timer: 'handoffTimeout',
      delayMs: CARE_DEFAULTS.handoffTimeoutMs,
      data: { handoffId: 4 },
    });
    const again = handoffOpened(
      menu,
      {
        kind: 'result',
        op: 'openHandoff',
        tag: 'handoff.open',
        ok: true,
        output: { handoffId: 4, created: false },
      },
      env(MON_10_CDMX),
    );
    expect(again.commands.map((c) => c.kind)).toEqual(['send']);
  });
});

describe('erase confirmation', () => {
  const state = { name: 'confirmErase' as const, profile, erasing: false };
  it('"sí" erases, "no" keeps everything, anything else is not an answer', () => {
    const yes = confirmEraseInput(state, { kind: 'text', text: 'Sí' }, env(MON_10_CDMX));
    expect(yes?.commands[0]).toMatchObject({
      kind: 'call',
      op: 'eraseMyData',
      input: { idempotencyKey: 'wamid.1' },
    });
    expect(yes?.state).toMatchObject({ name: 'confirmErase', erasing: true });
    const no = confirmEraseInput(state, { kind: 'text', text: 'no' }, env(MON_10_CDMX));
    expect(no?.state?.name).toBe('mainMenu');
    expect(confirmEraseInput(state, { kind: 'text', text: 'quizá' }, env(MON_10_CDMX))).toBeNull();
  });
});

describe('admin reasons', () => {
  it('quotes the reason (sanitised) and offers an appeal to a suspended provider', () => {
    const out = approvalNotice({ name: 'mainMenu', profile }, 'suspended', '  *Cobros*\nde más ');
    const send = out.commands[0] as { message: { body: string; buttons: { id: string }[] } };
    expect(send.message.body).toContain('Motivo: Cobros de más');
    expect(send.message.buttons.map((b) => b.id)).toContain('care:appeal');
  });
});
