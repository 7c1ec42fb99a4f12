/**
 * Summarise a V8 CPU profile (`npm run bench -- --profile` writes them under
 * .test-artifacts/bench-logs/<run>/profiles/): the functions with the most self time, and the
 * files/packages they belong to, and the inclusive time of each package (samples with a frame of
 * that package anywhere on the stack).
 *
 *   npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 25] [--window FROM,TO]
 *
 * --window keeps the samples taken between FROM and TO seconds before the end of the profile (a
 * bench phase: the e2e phases run one after another in the same process).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, window: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Self time per node from the samples and their time deltas (µs), inside the window if any.
const [fromS, toS] = (values.window ?? '').split(',').map(Number);
const windowed = values.window !== undefined && Number.isFinite(fromS) && Number.isFinite(toS);
const self = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
const times: number[] = [];
let t = profile.startTime;
for (const d of deltas) times.push((t += d));
samples.forEach((id, i) => {
  if (windowed) {
    const beforeEndS = (profile.endTime - (times[i] ?? 0)) / 1e6;
    if (beforeEndS > fromS! || beforeEndS < toS!) return;
  }
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;

const where = (url: string): string => {
  if (!url) return '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(backend\/src\/.*|scripts\/.*)$/.exec(url);
  return src ? src[1]! : url.replace(/^file:\/\//, '');
};

const fns = new Map<string, number>();
const groups = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const group =
    functionName === '(garbage collector)'
      ? '(garbage collector)'
      : functionName === '(idle)'
        ? '(idle)'
        : where(url).split('/').slice(0, 3).join('/');
  groups.set(group, (groups.get(group) ?? 0) + us);
}
// Inclusive time per package: each sampled stack counted once per package on it.
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const url = byId.get(cur)?.callFrame.url ?? '';
    if (url) seen.add(where(url).split('/').slice(0, 3).join('/'));
  }
  for (const g of seen) inclusive.set(g, (inclusive.get(g) ?? 0) + us);
}
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
const top = Number(values.top);
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled${windowed ? ` (${fromS}–${toS} s before the end)` : ''}\n\nself time by file / package:`,
);
[...groups]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([g, us]) => console.log(`  ${pct(us)}  ${g}`));
console.log('\nself time by function:');
[...fns]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([f, us]) => console.log(`  ${pct(us)}  ${f}`));
console.log('\ninclusive time by file / package:');
[...inclusive]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([g, us]) => console.log(`  ${pct(us)}  ${g}`));
