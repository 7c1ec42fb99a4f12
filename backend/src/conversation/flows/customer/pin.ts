/**
 * A pin sent from the menu while a provider has the customer's job ("para que me encuentre"):
 * the job moves there and the provider gets it, with a maps link. With no job accepted the pin
 * is where a new request goes, as before. Looked up only for someone who has asked before.
 */
import { t } from '../../locales';
import type { Notices } from '../../notices';
import type { OperationResultOf } from '../../operations';
import { mapsLink, serviceName } from '../../render/format';
import { say, send, textMessage } from '../../render/out';
import type { ActiveState, StateOf } from '../../state';
import { displayName } from '../../text/sanitize';
import type { Env, Input, StepResult } from '../env';
import { call, mainMenuState, stay } from '../env';
import { tag } from '../tags';
import { locationFirst } from './location';

/** A pin at the menu from someone with a request before: is it for their job? Null otherwise. */
export function pinToJob(state: ActiveState, input: Input, env: Env): StepResult | null {
  if (state.name !== 'mainMenu' || input.kind !== 'location' || !input.place) return null;
  if (!state.profile.lastRequest) return null;
  const { place } = input;
  const next: StateOf<'mainMenu'> = { ...state, want: { ...state.want, place } };
  return stay(
    next,
    call(
      'shareJobLocation',
      {
        idempotencyKey: env.eventId,
        customerUserId: state.profile.userId,
        lat: place.lat,
        lng: place.lng,
        label: place.label,
      },
      tag('job.pin'),
    ),
  );
}

/** Shared: the provider told, the customer too. Not for a job: the pin starts a request. */
export function pinShared(
  state: ActiveState,
  result: OperationResultOf<'shareJobLocation'>,
): StepResult {
  const place = state.name === 'mainMenu' ? state.want?.place : undefined;
  if (!result.ok || result.output.status !== 'shared') {
    // Moved on meanwhile: nothing to do; else the pin is where a new request goes.
    if (state.name !== 'mainMenu' || !place) return stay(state);
    const { want: _want, ...menu } = state;
    return locationFirst(menu, { kind: 'location', place }) ?? stay(state);
  }
  const out = result.output;
  const data: Notices['jobPin'] = {
    requestId: out.requestId,
    serviceName: out.serviceName,
    lat: out.lat,
    lng: out.lng,
    label: out.label,
    customerName: out.customerName,
  };
  // The pin was for the job, not for a new request (the menu forgets it).
  const next = state.name === 'mainMenu' ? mainMenuState(state.profile) : state;
  return stay(
    next,
    { kind: 'notify', to: out.provider.conversationKey, notice: 'jobPin', data },
    say(state.profile.locale, 'pin.shared', { name: displayName(out.provider.name, 60) }),
  );
}

/** The provider's side: where the job is now. */
export function jobPinNotice(state: ActiveState, data: Notices['jobPin']): StepResult {
  const locale = state.profile.locale;
  const body = t(locale, 'pin.forProvider', {
    name: data.customerName
      ? displayName(data.customerName, 60)
      : t(locale, 'progress.theCustomer'),
    service: serviceName(locale, data.serviceName),
    place: data.label ? displayName(data.label, 160) : t(locale, 'place.pin'),
    maps: mapsLink(data.lat, data.lng),
  });
  return stay(state, send(textMessage(body)));
}
