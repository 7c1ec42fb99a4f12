/**
 * Console helpers for tests: create operators straight through the production writer, and sign in
 * over HTTP like a browser (sign-in form's CSRF cookie + field, then the session cookie).
 */
import type { Knex } from 'knex';
import { createOperator, type OperatorRole } from '../../src/db/operators';
import { hashPassword } from '../../src/console';

export const TEST_PASSWORD = 'a-long-test-password-123';

export async function addOperator(
  knex: Knex,
  username: string,
  role: OperatorRole,
  password = TEST_PASSWORD,
): Promise<number> {
  // Cost 4: tests sign in often; production uses BCRYPT_COST.
  const created = await createOperator(knex, {
    username,
    displayName: username,
    role,
    passwordHash: await hashPassword(password, 4),
  });
  if (!created.ok) throw new Error(`operator ${username} exists`);
  return created.operator.id;
}

export interface ConsoleClient {
  cookies: Map<string, string>;
  setCookies: string[];
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  csrf(): Promise<string>;
}

/** A cookie-keeping HTTP client of /console (no redirects followed: tests look at them). */
export function consoleClient(baseUrl: string): ConsoleClient {
  const cookies = new Map<string, string>();
  const setCookies: string[] = [];
  const keep = (res: Response): Response => {
    for (const c of res.headers.getSetCookie()) {
      setCookies.push(c);
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = decodeURIComponent(pair.slice(i + 1));
      if (/Max-Age=0/i.test(c)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const header = (): string =>
    [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  const client: ConsoleClient = {
    cookies,
    setCookies,
    get: async (path, headers = {}) =>
      keep(
        await fetch(`${baseUrl}${path}`, {
          redirect: 'manual',
          headers: { cookie: header(), ...headers },
        }),
      ),
    post: async (path, form, headers = {}) =>
      keep(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie: header(),
            'content-type': 'application/x-www-form-urlencoded',
            ...headers,
          },
          body: new URLSearchParams(form).toString(),
        }),
      ),
    csrf: async () => {
      const res = await client.get('/console');
      const m = /name="_csrf" value="([^"]+)"/.exec(await res.text());
      if (!m) throw new Error('no CSRF token on the console home page (signed in?)');
      return m[1]!;
    },
  };
  return client;
}

/** Sign in; returns the response of the sign-in POST. */
export async function signIn(
  c: ConsoleClient,
  username: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await c.get('/console/login', headers);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return c.post('/console/login', { _csrf: token, username, password }, headers);
}
