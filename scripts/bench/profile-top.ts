/**
 * Summarise a V8 CPU profile (`npm run bench -- --profile` writes them under
 * .test-artifacts/bench-logs/<run>/profiles/): the functions with the most self time, and the
 * files/packages they belong to.
 *
 *   npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 25]
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
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Self time per node from the samples and their time deltas (µs).
const self = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
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
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
const top = Number(values.top);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by file / package:`);
[...groups]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([g, us]) => console.log(`  ${pct(us)}  ${g}`));
console.log('\nself time by function:');
[...fns]
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
  .forEach(([f, us]) => console.log(`  ${pct(us)}  ${f}`));
