/**
 * The import rules of backend/src, checked in CI (`npm run check:deps`):
 * - the rules of .dependency-cruiser.cjs (no file cycles, the pure conversation core, intake, db,
 *   shared, no backend/dev in src, wiring built only by main.ts);
 * - no cycle between folders (each top-level folder of backend/src is one node, and so is
 *   conversation/runner, the pure core's impure shell): a folder cycle means two stages that
 *   cannot be read one after the other.
 * Exits 1 and names every violation and every cycle.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface CruiseResult {
  modules: {
    source: string;
    dependencies: { resolved: string; coreModule?: boolean; couldNotResolve?: boolean }[];
  }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[]; error: number };
}

/** The folder node of a file of backend/src, or null outside it. */
export function folderOf(file: string): string | null {
  const m = /^backend\/src\/(.+)$/.exec(file);
  if (!m) return null;
  const rest = m[1]!;
  if (rest.startsWith('conversation/runner/')) return 'conversation/runner';
  const slash = rest.indexOf('/');
  return slash < 0 ? '(root)' : rest.slice(0, slash);
}

/** Strongly connected components with more than one folder (Tarjan). */
export function folderCycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function main(): void {
  const depcruise = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
  let raw: string;
  try {
    raw = execFileSync(
      depcruise,
      ['backend/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    // depcruise exits non-zero when a rule is violated; its JSON is still on stdout.
    raw = (err as { stdout?: string }).stdout ?? '';
    if (!raw) throw err;
  }
  const result = JSON.parse(raw) as CruiseResult;
  const problems: string[] = result.summary.violations.map(
    (v) => `${v.rule.name}: ${v.from} → ${v.to}`,
  );

  const edges = new Map<string, Set<string>>();
  const via = new Map<string, string>();
  for (const m of result.modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (!to || to === from) continue;
      edges.get(from)!.add(to);
      if (!via.has(`${from}>${to}`)) via.set(`${from}>${to}`, `${m.source} → ${d.resolved}`);
    }
  }
  for (const scc of folderCycles(edges)) {
    const inside = new Set(scc);
    const links = scc.flatMap((a) =>
      [...(edges.get(a) ?? [])]
        .filter((b) => inside.has(b))
        .map((b) => `    ${a} → ${b} (e.g. ${via.get(`${a}>${b}`)})`),
    );
    problems.push(`folder cycle: ${scc.join(', ')}\n${links.join('\n')}`);
  }
  const folders = [...edges.keys()].length;
  if (problems.length > 0) {
    console.error(
      `check-deps: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    `check-deps: ok (${result.modules.length} modules, ${folders} folders, no cycles, every layering rule holds)`,
  );
}

if (require.main === module) main();
