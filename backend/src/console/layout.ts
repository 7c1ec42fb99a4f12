/** The page shell: language, skip link, navigation (current page marked), flash message. */
import { html, type Html } from './html';
import type { PageLocals } from './security';
import { BASE } from './security';
import type { ConsoleKey } from './i18n';

const NAV: { href: string; key: ConsoleKey; admin?: boolean }[] = [
  { href: '/', key: 'nav.home' },
  { href: '/inbox', key: 'nav.inbox' },
  { href: '/approvals', key: 'nav.approvals' },
  { href: '/providers', key: 'nav.providers' },
  { href: '/requests', key: 'nav.requests' },
  { href: '/dead-letters', key: 'nav.dead' },
  { href: '/people', key: 'nav.people', admin: true },
  { href: '/flags', key: 'nav.flags', admin: true },
];

export interface Flash {
  kind: 'info' | 'error';
  text: string;
}

export function page(
  l: PageLocals,
  opts: { title: string; current?: string; flash?: Flash | null },
  body: Html,
): string {
  const { t, session } = l;
  const nav = session
    ? html`<nav class="main" aria-label="Console"><ul>${NAV.filter(
        (n) => !n.admin || session.role === 'admin',
      ).map(
        (n) =>
          html`<li><a href="${BASE}${n.href === '/' ? '' : n.href}" ${opts.current === n.href ? html`aria-current="page"` : ''}>${t(n.key)}</a></li>`,
      )}</ul></nav>
      <span class="muted-on-dark">${session.displayName} (${session.role})</span>
      <form class="inline" method="post" action="${BASE}/logout"><input type="hidden" name="_csrf" value="${session.csrf}"><button class="secondary" type="submit">${t('nav.logout')}</button></form>`
    : '';
  const other = l.locale === 'es' ? 'en' : 'es';
  return html`<!doctype html>
<html lang="${l.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${t('app.title')}</title>
<link rel="stylesheet" href="${BASE}/assets/console.css">
<script src="${BASE}/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#content">${t('nav.skip')}</a>
<header class="top">
  <span class="brand">${t('app.title')}</span>
  ${nav}
  <a href="${BASE}/lang/${other}?back=${encodeURIComponent(l.here)}" lang="${other}">${t('nav.language')}</a>
</header>
<main id="content" tabindex="-1">
<h1>${opts.title}</h1>
${opts.flash ? html`<p class="notice ${opts.flash.kind === 'error' ? 'error' : ''}" role="${opts.flash.kind === 'error' ? 'alert' : 'status'}">${opts.flash.text}</p>` : ''}
${body}
</main>
</body>
</html>`.toString();
}

/** A CSRF hidden field for forms of signed-in pages. */
export function csrfField(l: PageLocals): Html {
  return html`<input type="hidden" name="_csrf" value="${l.session?.csrf ?? ''}">`;
}

export function fmtTime(d: Date | string | null | undefined, locale: string): string {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(d) : d;
  return date.toLocaleString(locale === 'en' ? 'en-GB' : 'es-MX', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Mexico_City',
  });
}
