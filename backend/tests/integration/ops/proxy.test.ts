/**
 * The compose stack's reverse proxy (deploy/nginx/templates/ubermench.conf.template, issue 16
 * item 2), run for real: nginx on loopback spare ports with a self-signed certificate in front of
 * a stand-in app that echoes what it received. `nginx -t` accepts the config; a client cannot
 * choose its X-Forwarded-For; /metrics and /health/ready are not served; bodies over 3 MB get 413;
 * plain http redirects to https; a client that never finishes its headers is cut off; more than
 * 20 requests at once from one address get 429. Bounded: every request has a deadline; nginx and
 * the stand-in are stopped in afterAll.
 * Needs nginx (Debian package `nginx`; `.ci/run` unpacks it without starting a service, NGINX_BIN)
 * and openssl: fails, never skips, without them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { freePort } from '../../helpers/own-redis';
import { waitExit } from '../../helpers/child';
import { ROOT, requireBinary, run, tempDir } from './helpers';

const TEMPLATE = path.join(ROOT, 'deploy', 'nginx', 'templates', 'ubermench.conf.template');

function nginxBinary(): string {
  const candidates = [process.env.NGINX_BIN, '/usr/sbin/nginx'].filter((c): c is string =>
    Boolean(c),
  );
  for (const c of candidates) if (existsSync(c)) return c;
  return requireBinary('nginx', 'nginx');
}

interface Seen {
  path: string;
  xff: string | undefined;
  xri: string | undefined;
  proto: string | undefined;
}

describe('reverse proxy (nginx) in front of the app', () => {
  let dir: ReturnType<typeof tempDir>;
  let nginx: ChildProcess | undefined;
  let app: http.Server;
  const seen: Seen[] = [];
  let ca: Buffer;
  const ports = { app: 0, http: 0, https: 0, health: 0 };
  let nginxBin = '';

  const request = (opts: {
    path: string;
    method?: string;
    headers?: Record<string, string | number>;
    body?: Buffer;
    secure?: boolean;
  }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> =>
    new Promise((resolve, reject) => {
      const lib = opts.secure === false ? http : https;
      const req = lib.request(
        {
          host: '127.0.0.1',
          port: opts.secure === false ? ports.http : ports.https,
          path: opts.path,
          method: opts.method ?? 'GET',
          headers: { host: 'localhost', ...(opts.headers ?? {}) },
          ca,
          servername: 'localhost',
          agent: false, // no keep-alive socket left open after the test
          timeout: 10_000,
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(opts.body);
    });

  beforeAll(async () => {
    nginxBin = nginxBinary();
    requireBinary('openssl', 'openssl');
    dir = tempDir('proxy');
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();

    app = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push({
          path: req.url ?? '',
          xff: req.headers['x-forwarded-for'] as string | undefined,
          xri: req.headers['x-real-ip'] as string | undefined,
          proto: req.headers['x-forwarded-proto'] as string | undefined,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => app.listen(ports.app, '127.0.0.1', () => r()));

    const certs = path.join(dir.dir, 'certs');
    mkdirSync(certs);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        path.join(certs, 'privkey.pem'),
        '-out',
        path.join(certs, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(path.join(certs, 'fullchain.pem'));

    // The template as the nginx image renders it (envsubst of the three variables), with the
    // listen addresses and file paths moved to loopback spare ports and this temp directory.
    const conf = readFileSync(TEMPLATE, 'utf8')
      .replaceAll('${PUBLIC_HOSTNAME}', 'localhost')
      .replaceAll('${NGINX_RESOLVER}', '127.0.0.1')
      .replaceAll('${APP_UPSTREAM}', `127.0.0.1:${ports.app}`)
      .replace(/listen 80;/, `listen 127.0.0.1:${ports.http};`)
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${ports.https} ssl http2;`)
      .replace(/listen 127\.0\.0\.1:8081;/, `listen 127.0.0.1:${ports.health};`)
      .replaceAll('/etc/nginx/certs/', `${certs}/`)
      .replaceAll('/var/www/acme', path.join(dir.dir, 'acme'));
    expect(conf).not.toMatch(/\$\{[A-Z_]+\}/);
    writeFileSync(path.join(dir.dir, 'ubermench.conf'), conf);
    const t = (n: string) => path.join(dir.dir, n);
    writeFileSync(
      t('nginx.conf'),
      [
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        `pid ${t('nginx.pid')};`,
        `error_log ${t('error.log')} warn;`,
        'worker_processes 1;',
        'events { worker_connections 512; }',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (k) => `  ${k}_temp_path ${t(k)};`,
        ),
        `  include ${t('ubermench.conf')};`,
        '}',
        '',
      ].join('\n'),
    );
    const check = await run(nginxBin, ['-t', '-p', dir.dir, '-c', t('nginx.conf')]);
    expect({ code: check.code, output: check.output }).toEqual({
      code: 0,
      output: expect.any(String),
    });
    nginx = spawn(nginxBin, ['-p', dir.dir, '-c', t('nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((r) => {
        const s = net.connect(ports.https, '127.0.0.1', () => (s.destroy(), r(true)));
        s.on('error', () => r(false));
      });
      if (up) break;
      if (Date.now() > deadline)
        throw new Error(`nginx did not start:\n${readFileSync(t('error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 30_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await waitExit(nginx, 10_000).catch(() => nginx?.kill('SIGKILL'));
    }
    await new Promise((r) => app?.close(r));
    dir?.remove();
  });

  it('hands the app the address it saw, whatever X-Forwarded-For the client sent', async () => {
    seen.length = 0;
    const r = await request({
      path: '/webhook?hub.mode=subscribe',
      headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7', 'x-real-ip': '203.0.113.9' },
    });
    expect(r.status).toBe(200);
    expect(seen).toEqual([
      { path: '/webhook?hub.mode=subscribe', xff: '127.0.0.1', xri: '127.0.0.1', proto: 'https' },
    ]);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(r.headers.server).toBe('nginx'); // no version
  });

  it('does not serve /metrics or /health/ready from outside', async () => {
    seen.length = 0;
    for (const p of ['/metrics', '/health/ready', '/health/ready?verbose=1'])
      expect([p, (await request({ path: p })).status]).toEqual([p, 404]);
    expect(seen).toEqual([]);
    expect((await request({ path: '/health/live' })).status).toBe(200);
  });

  it('refuses a body over 3 MB with 413 before the app sees it', async () => {
    seen.length = 0;
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 'a');
    const r = await request({
      path: '/webhook',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': big.length },
      body: big,
    });
    expect(r.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('redirects plain http to https', async () => {
    const r = await request({ path: '/webhook', secure: false });
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('https://localhost/webhook');
  });

  it('cuts off a client that never finishes its headers (client_header_timeout 5 s)', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const s = tls.connect(
        { host: '127.0.0.1', port: ports.https, ca, servername: 'localhost' },
        () => s.write('POST /webhook HTTP/1.1\r\nHost: localhost\r\n'),
      );
      const timer = setTimeout(
        () => (s.destroy(), reject(new Error('still open after 12 s'))),
        12_000,
      );
      s.on('close', () => (clearTimeout(timer), resolve(Date.now() - started)));
      s.on('error', () => undefined);
    });
    expect(closedAfter).toBeGreaterThan(4000);
    expect(closedAfter).toBeLessThan(9000);
  }, 20_000);

  /** `count` uploads that send their headers and then stall (nginx waits for their bodies). */
  async function stalledUploads(
    target: string,
    count: number,
  ): Promise<{ statuses: string[]; close(): void }> {
    const sockets: tls.TLSSocket[] = [];
    const statuses: string[] = [];
    for (let i = 0; i < count; i++) {
      const s = tls.connect(
        { host: '127.0.0.1', port: ports.https, ca, servername: 'localhost' },
        () =>
          s.write(
            `POST ${target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
          ),
      );
      s.on('data', (d: Buffer) => statuses.push(d.toString().split('\r\n')[0] ?? ''));
      s.on('error', () => undefined);
      sockets.push(s);
    }
    // every connection has sent its headers and been judged by then
    await new Promise((r) => setTimeout(r, 1500));
    return { statuses, close: () => sockets.forEach((s) => s.destroy()) };
  }

  it('answers 429 beyond 20 requests at once from one address on the admin API; stalled uploads never reach the app', async () => {
    seen.length = 0;
    const up = await stalledUploads('/admin/providers', 25);
    try {
      expect(up.statuses).toEqual(Array(5).fill('HTTP/1.1 429 Too Many Requests'));
      // the 20 accepted ones are still being buffered by nginx (proxy_request_buffering): the app
      // has not been given a single slow upload
      expect(seen).toEqual([]);
    } finally {
      up.close();
    }
  }, 15_000);

  it('lets Meta keep 25 webhook deliveries in flight from one address (cap 100 there, no rate limit)', async () => {
    const up = await stalledUploads('/webhook', 25);
    try {
      expect(up.statuses).toEqual([]);
    } finally {
      up.close();
    }
  }, 15_000);
});
