/**
 * The ops console, mounted by the web role at /console: server-rendered pages (docs/console.md
 * says why), a session for everything but the sign-in, CSRF tokens on every form, roles, and
 * the `console` feature flag (gate.ts) that can switch it off.
 */
import express, { Router } from 'express';
import { CONSOLE_CSS, CONSOLE_JS } from './assets';
import type { ConsoleDeps } from './deps';
import { loginRoutes, logoutRoute } from './pages/login';
import { homeRoutes } from './pages/home';
import { providerRoutes } from './pages/providers';
import { requestRoutes } from './pages/requests';
import { inboxRoutes } from './pages/inbox';
import { deadLetterRoutes } from './pages/dead-letters';
import { peopleRoutes } from './pages/people';
import { flagRoutes } from './pages/flags';
import { consoleFlagGate } from './gate';
import { language, requireCsrf, requireSession } from './security';

export function createConsoleRouter(deps: ConsoleDeps): Router {
  const r = Router();
  // Stricter than the app-wide policy: nothing but this origin, and no upgrade of plain-http
  // requests (the demo and the tests serve the console on http://127.0.0.1).
  r.use((_req, res, next) => {
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self'",
    );
    next();
  });
  r.get('/assets/console.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CONSOLE_CSS);
  });
  r.get('/assets/console.js', (_req, res) => {
    res
      .type('application/javascript')
      .set('Cache-Control', 'public, max-age=3600')
      .send(CONSOLE_JS);
  });
  r.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  r.use(language);
  r.use(loginRoutes(deps));
  r.use(requireSession(deps.sessions));
  r.use(requireCsrf);
  r.use(logoutRoute(deps));
  // The `console` feature flag: off → 503 from here on (except the Flags page, for admins).
  r.use(consoleFlagGate(deps.flags));
  r.use(homeRoutes(deps));
  r.use(inboxRoutes(deps));
  r.use(providerRoutes(deps));
  r.use(requestRoutes(deps));
  r.use(deadLetterRoutes(deps));
  r.use(peopleRoutes(deps));
  r.use(flagRoutes(deps));
  r.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  return r;
}
