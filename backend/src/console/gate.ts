/**
 * The `console` feature flag switches the console off. Evaluated on every request (no targeting
 * key, so a partial rollout counts as off; flags/ caches rules for FEATURE_FLAGS_CACHE_MS): while
 * it is off, every page and action answers 503 with a page saying so and how to switch it back.
 * Sign-in, sign-out, the language switch and the assets are mounted before this guard; the Flags
 * page stays open to admins, so one can switch the console back on from the console itself.
 */
import type { NextFunction, Request, Response } from 'express';
import type { FlagService } from '../flags';
import { html } from './html';
import { page } from './layout';
import { FLAGS_PAGE } from './pages/flags';
import { BASE, locals } from './security';

/** The admin API call that switches the console back on (shown on the page). */
const SWITCH_ON = `PUT /admin/flags/console {"enabled":true}

curl -X PUT https://<host>/admin/flags/console \\
  -H "Authorization: Bearer <admin API key (ADMIN_API_KEYS)>" \\
  -H "Content-Type: application/json" -d '{"enabled":true}'`;

const isFlagsPage = (path: string): boolean =>
  path === FLAGS_PAGE || path.startsWith(`${FLAGS_PAGE}/`);

export function consoleFlagGate(flags: FlagService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const l = locals(res);
    const admin = l.session?.role === 'admin';
    if (admin && isFlagsPage(req.path)) return next();
    if (await flags.isEnabled('console')) return next();
    const { t } = l;
    res
      .status(503)
      .type('html')
      .send(
        page(
          l,
          { title: t('off.title') },
          html`<p data-console-off>${t('off.body')}</p>
<p>${t('off.api')}</p>
<pre><code>${SWITCH_ON}</code></pre>
${admin ? html`<p>${t('off.admin')} <a href="${BASE}${FLAGS_PAGE}">${t('off.goToFlags')}</a></p>` : ''}`,
        ),
      );
  };
}
