/** Readers of the comma-separated variables (whitespace around entries is not part of them). */
import { isIP } from 'node:net';

/** "a, b,,c" → ['a', 'b', 'c']. */
export function commaList(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "h1:7000,h2" → [{ host: 'h1', port: 7000 }, { host: 'h2', port: 6379 }]. */
export function hostPorts(list: string): { host: string; port: number }[] {
  return commaList(list).map((s) => {
    const [host, port] = s.split(':');
    return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
  });
}

/** "a=x, b=y" → { a: 'x', b: 'y' } (entries without a name or a value are skipped). */
export function pairs(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of commaList(list)) {
    const [k, val] = pair.split('=');
    if (k && val) out[k.trim()] = val.trim();
  }
  return out;
}

/** "1-6@09:00-19:00" → ISO weekdays [1..6], open/close as minutes of the day (540, 1140). */
export function businessHours(spec: string): {
  days: number[];
  openMinute: number;
  closeMinute: number;
} {
  const [dayList = '', hours = ''] = spec.trim().split('@');
  const days = new Set<number>();
  for (const part of commaList(dayList)) {
    const [from, to = from] = part.split('-').map(Number);
    for (let d = from ?? 1; d <= (to ?? 7); d++) days.add(d);
  }
  const [open = '00:00', close = '24:00'] = hours.split('-');
  const minutes = (hhmm: string): number => {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return { days: [...days].sort(), openMinute: minutes(open), closeMinute: minutes(close) };
}

/** Named address sets accepted in address lists (TRUSTED_PROXIES). */
export const ADDRESS_PRESETS: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

/**
 * "loopback, 10.0.0.0/8, 192.0.2.7" → CIDRs (presets expanded, a bare IP as /32 or /128), and the
 * entries that are none of these.
 */
export function addressList(list: string): { entries: string[]; invalid: string[] } {
  const entries: string[] = [];
  const invalid: string[] = [];
  for (const item of commaList(list)) {
    const preset = ADDRESS_PRESETS[item.toLowerCase()];
    if (preset) {
      entries.push(...preset);
      continue;
    }
    const [ip = '', prefix, ...rest] = item.split('/');
    const family = isIP(ip);
    const max = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
    if (family === 0 || rest.length > 0 || bits < 0 || bits > max) invalid.push(item);
    else entries.push(`${ip}/${bits}`);
  }
  return { entries, invalid };
}
