/** The main menu: a list (it has more than three options), adapted to who the user is. */
import type { ListRow } from '../../shared/messages';
import type { Command } from '../commands';
import { tapId } from '../ids';
import { t } from '../locales';
import type { Profile } from '../state';
import { serviceName } from './format';
import { listMessage, paragraphs, send } from './out';

export function menuRows(profile: Profile): ListRow[] {
  const l = profile.locale;
  const row = (id: string, title: string, description: string): ListRow => ({
    id,
    title,
    description,
  });
  const rows: ListRow[] = [
    row(tapId({ kind: 'menu.new' }), t(l, 'row.newRequest'), t(l, 'desc.newRequest')),
  ];
  if (profile.lastRequest) {
    const service = serviceName(l, profile.lastRequest.serviceName, 40);
    rows.push(
      row(tapId({ kind: 'menu.repeat' }), t(l, 'row.repeat'), t(l, 'desc.repeat', { service })),
    );
  }
  rows.push(row(tapId({ kind: 'menu.mine' }), t(l, 'row.myRequests'), t(l, 'desc.myRequests')));
  const provider = profile.provider;
  if (provider === null || provider.status === 'rejected') {
    rows.push(
      row(
        tapId({ kind: 'menu.provider' }),
        t(l, 'row.becomeProvider'),
        t(l, 'desc.becomeProvider'),
      ),
    );
  }
  if (provider?.status === 'approved') {
    rows.push(
      provider.online
        ? row(tapId({ kind: 'prov.offline' }), t(l, 'row.goOffline'), t(l, 'desc.goOffline'))
        : row(tapId({ kind: 'prov.online' }), t(l, 'row.goOnline'), t(l, 'desc.goOnline')),
    );
  }
  if (provider?.status === 'approved') {
    rows.push(row(tapId({ kind: 'menu.jobs' }), t(l, 'row.myJobs'), t(l, 'desc.myJobs')));
  }
  if (provider !== null) {
    rows.push(
      row(tapId({ kind: 'menu.stats' }), t(l, 'row.providerProfile'), t(l, 'desc.providerProfile')),
    );
  }
  rows.push(
    row(
      tapId({ kind: 'lang.set', locale: l === 'es' ? 'en' : 'es' }),
      t(l, 'row.language'),
      t(l, 'desc.language'),
    ),
  );
  rows.push(row(tapId({ kind: 'menu.help' }), t(l, 'row.help'), t(l, 'desc.help')));
  return rows;
}

/** The menu, with an optional lead paragraph (greeting, confirmation, "I did not understand"). */
export function menuMessage(profile: Profile, lead?: string): Command {
  const body = paragraphs(lead, t(profile.locale, 'menu.prompt'));
  return send(listMessage(body, t(profile.locale, 'list.menu'), menuRows(profile)));
}
