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
