/**
 * "¿Cuándo me aprueban?", "¿qué sigue?", "no me llegan trabajos": a provider hears where their
 * sign-up stands (in review, approved and online or not, rejected or suspended with a review to
 * ask for); someone who never signed up is told how; "¿qué sigue?" is about approval only for a
 * provider who waits for it.
 */
import { t } from '../../../src/conversation/locales';
import type { ProviderStatus } from '../../../src/conversation/operations';
import type { ActiveState } from '../../../src/conversation/state';
import { understand } from '../../../src/conversation/understanding/understand';
import { Script, ev, fixture, ids, profile, providerProfile } from './harness';

function provider(status: ProviderStatus, online = false, locale: 'es' | 'en' = 'es'): ActiveState {
  return { name: 'mainMenu', profile: providerProfile({ locale, provider: { status, online } }) };
}

describe('what asks about approval', () => {
  it.each([
    '¿cuándo me aprueban?',
    'ya me aprobaron?',
    'cuanto tardan en aprobarme',
    'como va mi registro',
    'no me llegan trabajos',
    'am I approved yet?',
    'when will I be approved',
    "I'm not getting any jobs",
  ])('%j', (text) => {
    expect(understand(text)).toMatchObject({ intent: 'provider_profile', approval: 'asked' });
  });

  it.each(['¿qué sigue?', 'y ahora qué hago', "what's next?"])('%j only hints at it', (text) => {
    expect(understand(text).approval).toBe('next');
  });
});

describe('the answer, by where the sign-up stands', () => {
  it('in review: said so, the step kept', () => {
    for (const text of ['¿cuándo me aprueban?', '¿qué sigue?']) {
      const s = new Script(provider('pending')).send(ev.text(text));
      expect(s.text()).toContain(t('es', 'provider.inReview'));
      expect(s.name).toBe('mainMenu');
      expect(s.last.some((c) => c.kind === 'call')).toBe(false);
    }
  });

  it('approved and offline: how to start, with the button to go online', () => {
    const s = new Script(provider('approved', false)).send(ev.text('no me llegan trabajos'));
    expect(s.text()).toContain(t('es', 'provider.approvedOffline'));
    expect(ids(s.last)).toEqual(['prov:online', 'menu:open']);
  });

  it('approved and online: that requests come, and how to stop them', () => {
    const s = new Script(provider('approved', true, 'en')).send(ev.text('am I approved?'));
    expect(s.text()).toContain(t('en', 'provider.approvedOnline'));
    expect(ids(s.last)).toEqual(['prov:offline', 'menu:open']);
  });

  it.each(['rejected', 'suspended'] as const)(
    '%s: said plainly, with a review to ask for',
    (status) => {
      const s = new Script(provider(status)).send(ev.text('ya me aprobaron?'));
      expect(s.text()).toContain(t('es', `pstatus.${status}`));
      expect(ids(s.last)).toEqual(['care:appeal', 'menu:open']);
    },
  );

  it('someone who never signed up: how to', () => {
    const s = new Script({ name: 'mainMenu', profile: profile() }).send(
      ev.text('cuando me aprueban?'),
    );
    expect(s.text()).toContain(t('es', 'provider.notRegistered'));
  });

  it('"¿qué sigue?" from anyone else is not about approval', () => {
    const customer = new Script({ name: 'mainMenu', profile: profile() }).send(
      ev.text('¿qué sigue?'),
    );
    expect(customer.text()).not.toContain(t('es', 'provider.notRegistered'));
    const approved = new Script(provider('approved', true)).send(ev.text('¿qué sigue?'));
    expect(approved.text()).not.toContain(t('es', 'provider.approvedOnline'));
    // Mid-booking the step asks its own question again.
    const booking = new Script(fixture('shareLocation')).send(ev.text('¿qué sigue?'));
    expect(booking.text()).not.toContain(t('es', 'provider.inReview'));
  });
});
