/** Readers of the comma-separated variables (whitespace around entries is not part of them). */

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
export function businessHours(spec: string): { days: number[]; openMinute: number; closeMinute: number } {
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
