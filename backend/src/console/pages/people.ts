/** Privacy requests by ops (admins only): find a person, erase all their data (care/erasure.ts, audited). */
import { Router } from 'express';
import { getPerson, searchPeople } from '../../db/console-views';
import { erasePerson } from '../../care/erasure';
import { maskPhone } from '../../shared/mask';
import { html } from '../html';
import { csrfField, fmtTime, page } from '../layout';
import { flashOf } from '../flash';
import { actorOf, BASE, locals, requireAdmin } from '../security';
import type { ConsoleDeps } from '../deps';

export function peopleRoutes(deps: ConsoleDeps): Router {
  const r = Router();
  r.use('/people', requireAdmin);

  r.get('/people', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const people = q ? await searchPeople(deps.knex, q) : [];
    res.type('html').send(
      page(
        l,
        { title: t('people.title'), current: '/people', flash: flashOf(req, t) },
        html`<form class="filters" method="get" action="${BASE}/people" role="search">
  <div><label for="q">${t('people.search')}</label><input id="q" name="q" type="search" value="${q}" required></div>
  <div><button type="submit">${t('providers.filter')}</button></div>
</form>
${q && people.length === 0 ? html`<p>${t('people.none')}</p>` : ''}
${
  people.length > 0
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.name')}</th><th scope="col">WhatsApp</th><th scope="col">${t('provider.since')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${people.map(
        (
          p,
        ) => html`<tr data-person="${p.id}"><td>${p.id}</td><td>${p.name ?? '—'}${p.isProvider ? ' 🧰' : ''}${p.optedOutAt ? html` <span class="badge">${t('people.optedOut')}</span>` : ''}</td><td>${maskPhone(p.waId ?? p.bsuid)}</td><td>${fmtTime(p.createdAt, l.locale)}</td>
  <td><form method="post" action="${BASE}/people/${p.id}/erase" data-confirm="${t('people.eraseConfirm')}?">${csrfField(l)}
    <label><input type="checkbox" name="confirm" value="yes" required> ${t('people.eraseConfirm')}</label>
    <button type="submit" class="danger">${t('people.erase')}</button></form></td></tr>`,
      )}</tbody></table></div>`
    : ''
}`,
      ),
    );
  });

  r.post('/people/:id/erase', async (req, res) => {
    const l = locals(res);
    const id = Number(req.params.id);
    if (
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      id >= 2 ** 31 ||
      (req.body as Record<string, unknown>)?.confirm !== 'yes'
    ) {
      return void res.status(400).type('text/plain').send('bad request');
    }
    const person = await getPerson(deps.knex, id);
    if (!person) return void res.status(404).type('text/plain').send(l.t('common.notFound'));
    await erasePerson(deps.care, { userId: id, actor: actorOf(l.session!), via: 'console' });
    res.redirect(303, `${BASE}/people?flash=erased`);
  });

  return r;
}
