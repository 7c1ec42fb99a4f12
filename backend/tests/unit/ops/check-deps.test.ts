/** The folder-cycle part of scripts/check-deps.ts (the rules themselves are dependency-cruiser's). */
import { folderCycles, folderOf } from '../../../../scripts/check-deps';

const graph = (edges: [string, string][]): Map<string, Set<string>> => {
  const g = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    g.get(a)!.add(b);
  }
  return g;
};

it('maps files to folder nodes, with the runner apart from the pure core', () => {
  expect(folderOf('backend/src/conversation/step.ts')).toBe('conversation');
  expect(folderOf('backend/src/conversation/flows/customer/booking.ts')).toBe('conversation');
  expect(folderOf('backend/src/conversation/runner/drain.ts')).toBe('conversation/runner');
  expect(folderOf('backend/src/main.ts')).toBe('(root)');
  expect(folderOf('backend/dev/fake-cloud-api/app.ts')).toBeNull();
});

it('finds no cycle in a layered graph', () => {
  expect(
    folderCycles(
      graph([
        ['wiring', 'intake'],
        ['intake', 'queue'],
        ['conversation/runner', 'queue'],
        ['queue', 'shared'],
      ]),
    ),
  ).toEqual([]);
});

it('finds a two-folder cycle and a longer one', () => {
  const cycles = folderCycles(
    graph([
      ['queue', 'observability'],
      ['observability', 'queue'],
      ['intake', 'security'],
      ['security', 'outbound'],
      ['outbound', 'intake'],
      ['wiring', 'intake'],
    ]),
  );
  expect(cycles).toEqual(
    expect.arrayContaining([
      ['observability', 'queue'],
      ['intake', 'outbound', 'security'],
    ]),
  );
  expect(cycles).toHaveLength(2);
});
