import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, checkArchitecture, checkModuleMap, findCycles, layerOf, LAYERS, sourceFolders } from '../../../scripts/check-architecture.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('architecture check', () => {
  it('finds nothing in this repository: no import cycle, no upward import, every file in a layer', () => {
    const graph = buildGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(checkArchitecture(graph).map((finding) => finding.message)).toEqual([]);
  });

  it('reports a cycle, also one of three files, and no cycle where imports only go one way', () => {
    const graph = new Map([
      ['src/report/a.ts', ['src/report/b.ts']],
      ['src/report/b.ts', ['src/report/c.ts']],
      ['src/report/c.ts', ['src/report/a.ts']],
      ['src/report/d.ts', ['src/report/a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['src/report/a.ts', 'src/report/b.ts', 'src/report/c.ts']]);
    const findings = checkArchitecture(graph);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'cycle', message: 'import cycle: src/report/a.ts ↔ src/report/b.ts ↔ src/report/c.ts' });
  });

  it('reports an import into a higher layer, and allows the same import downwards', () => {
    const findings = checkArchitecture(
      new Map([
        ['src/queue/worker.ts', ['jobs/index.ts']],
        ['jobs/index.ts', []],
        ['src/pipeline/run.ts', ['src/mapping/engine/walk.ts']],
        ['src/mapping/engine/walk.ts', []],
      ]),
    );
    expect(findings).toEqual([{ kind: 'upward', message: 'src/queue/worker.ts (queue) imports jobs/index.ts (application), a higher layer', files: ['src/queue/worker.ts', 'jobs/index.ts'] }]);
  });

  it('reports a job that imports another job; the registry and the helpers may be imported', () => {
    const findings = checkArchitecture(
      new Map([
        ['jobs/index.ts', ['jobs/rerun-unit.ts', 'jobs/evaluate-run.ts']],
        ['jobs/rerun-unit.ts', ['jobs/evaluate-run.ts', 'jobs/shared.ts']],
        ['jobs/evaluate-run.ts', ['jobs/shared.ts']],
        ['jobs/shared.ts', []],
      ]),
    );
    expect(findings.map((finding) => finding.message)).toEqual(['jobs/rerun-unit.ts imports the job jobs/evaluate-run.ts: shared steps belong in src/pipeline/']);
  });

  it('reports a file no layer names', () => {
    const findings = checkArchitecture(
      new Map([
        ['src/newfolder/thing.ts', ['src/shared/errors.ts']],
        ['src/shared/errors.ts', []],
      ]),
    );
    expect(findings.map((finding) => finding.kind)).toEqual(['unlayered']);
    expect(layerOf('src/shared/errors.ts')).toBe(LAYERS.length - 1);
    expect(layerOf('src/cli.ts')).toBe(0);
  });

  it('finds every folder under src/ named in the module map of ARCHITECTURE.md', () => {
    const folders = sourceFolders(root);
    expect(folders).toContain('src/mapping/engine/');
    expect(checkModuleMap(folders, readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8'))).toEqual([]);
  });

  it('reports a folder the module map does not name, also when only another section names it', () => {
    const doc = ['# Architecture', '', '## Layers', '', '`src/sim/`', '', '## Module map', '', '| `src/queue/` | queues |', '', '## A nightly run', ''].join('\n');
    expect(checkModuleMap(['src/queue/', 'src/sim/'], doc)).toEqual([{ kind: 'unmapped-folder', message: 'src/sim/ is not in the module map of ARCHITECTURE.md', files: ['src/sim/'] }]);
  });
});
