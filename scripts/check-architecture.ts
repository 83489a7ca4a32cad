/**
 * The architecture check CI runs: builds the import graph of `src/` and `jobs/` from the TypeScript
 * sources and fails on an import cycle, on an import that points up a layer, on a file outside every
 * layer, or on a folder under `src/` that ARCHITECTURE.md's module map does not name. Type-only
 * imports count too: a cycle of types is still a cycle a reader has to untangle.
 *
 * Usage: `tsx scripts/check-architecture.ts [--json]`; exit 1 when a rule is broken.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Layers, highest first. A module may import its own layer's modules and any lower layer's, never a
 * higher one. The first matching prefix decides a file's layer (paths relative to the repository);
 * a file no layer names is a finding, so a new folder gets its place here and in ARCHITECTURE.md.
 */
export const LAYERS: ReadonlyArray<{ name: string; prefixes: string[] }> = [
  { name: 'entry', prefixes: ['src/cli.ts', 'src/cli/'] },
  { name: 'application', prefixes: ['src/app/', 'jobs/'] },
  { name: 'serving', prefixes: ['src/http/', 'src/sim/'] },
  { name: 'queue', prefixes: ['src/queue/'] },
  { name: 'outputs', prefixes: ['src/alerts/', 'src/report/'] },
  { name: 'pipeline', prefixes: ['src/pipeline/'] },
  { name: 'core', prefixes: ['src/mapping/', 'src/rules/', 'src/indicators/'] },
  { name: 'data', prefixes: ['src/stratsys/', 'src/store/', 'src/snapshot/'] },
  { name: 'base', prefixes: ['src/config/', 'src/domain/', 'src/shared/'] },
];

/** One broken rule: the files involved and a sentence naming them. */
export interface Finding {
  kind: 'cycle' | 'upward' | 'unlayered' | 'job-imports-job' | 'unmapped-folder';
  message: string;
  files: string[];
}

function listSources(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const rel = path.posix.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) return listSources(root, rel);
    return rel.endsWith('.ts') && !rel.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Relative imports of one file, resolved to repository paths of `.ts` files that exist. */
function importsOf(root: string, file: string, known: ReadonlySet<string>): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  const out = new Set<string>();
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.fileName));
    const candidates = [joined.replace(/\.js$/, '.ts'), `${joined}.ts`, path.posix.join(joined, 'index.ts')];
    const hit = candidates.find((candidate) => known.has(candidate));
    if (hit !== undefined) out.add(hit);
  }
  return [...out].sort();
}

/** The import graph of `src/` and `jobs/`: file → files it imports. */
export function buildGraph(root: string): Map<string, string[]> {
  const files = [...listSources(root, 'src'), ...listSources(root, 'jobs')].sort();
  const known = new Set(files);
  return new Map(files.map((file) => [file, importsOf(root, file, known)]));
}

/** Index of the file's layer in LAYERS (0 is the highest); LAYERS.length when no layer names it. */
export function layerOf(file: string): number {
  const index = LAYERS.findIndex((layer) => layer.prefixes.some((prefix) => file === prefix || file.startsWith(prefix)));
  return index === -1 ? LAYERS.length : index;
}

/** Strongly connected components with more than one file (Tarjan), each sorted. */
export function findCycles(graph: ReadonlyMap<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * A job handler: a file of `jobs/` other than the registry (`index.ts`), the helpers (`shared.ts`)
 * and the specs producers queue with (`specs.ts`: names, payloads, defaults; no handler).
 */
function isJob(file: string): boolean {
  return file.startsWith('jobs/') && file !== 'jobs/index.ts' && file !== 'jobs/shared.ts' && file !== 'jobs/specs.ts';
}

/**
 * Every finding: cycles first, then files outside every layer, then imports between jobs and
 * imports into a higher layer.
 */
export function checkArchitecture(graph: ReadonlyMap<string, string[]>): Finding[] {
  const findings: Finding[] = findCycles(graph).map((files) => ({ kind: 'cycle', message: `import cycle: ${files.join(' ↔ ')}`, files }));
  for (const file of graph.keys()) {
    if (layerOf(file) === LAYERS.length) findings.push({ kind: 'unlayered', message: `${file} is in no layer (add its folder to LAYERS in scripts/check-architecture.ts)`, files: [file] });
  }
  for (const [file, imports] of graph) {
    for (const target of imports) {
      if (isJob(file) && isJob(target)) {
        findings.push({ kind: 'job-imports-job', message: `${file} imports the job ${target}: shared steps belong in src/pipeline/`, files: [file, target] });
      }
      const from = layerOf(file);
      const to = layerOf(target);
      if (to < from && from < LAYERS.length) {
        findings.push({ kind: 'upward', message: `${file} (${LAYERS[from]?.name ?? 'unlayered'}) imports ${target} (${LAYERS[to]?.name}), a higher layer`, files: [file, target] });
      }
    }
  }
  return findings;
}

/** Every folder under `src/` (nested ones too), as `src/a/b/`. */
export function sourceFolders(root: string, dir = 'src'): string[] {
  return readdirSync(path.join(root, dir))
    .map((entry) => path.posix.join(dir, entry))
    .filter((rel) => statSync(path.join(root, rel)).isDirectory())
    .flatMap((rel) => [`${rel}/`, ...sourceFolders(root, rel)])
    .sort();
}

/**
 * A finding for every folder under `src/` that the "## Module map" section of `architecture` (the
 * text of ARCHITECTURE.md) does not name as `` `src/…/` ``.
 */
export function checkModuleMap(folders: readonly string[], architecture: string): Finding[] {
  const start = architecture.indexOf('\n## Module map');
  const end = start === -1 ? -1 : architecture.indexOf('\n## ', start + 1);
  const moduleMap = start === -1 ? '' : architecture.slice(start, end === -1 ? undefined : end);
  return folders
    .filter((folder) => !moduleMap.includes(`\`${folder}\``))
    .map((folder) => ({ kind: 'unmapped-folder', message: `${folder} is not in the module map of ARCHITECTURE.md`, files: [folder] }));
}

function main(): void {
  const root = process.cwd();
  const doc = path.join(root, 'ARCHITECTURE.md');
  const architecture = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  const findings = [...checkArchitecture(buildGraph(root)), ...checkModuleMap(sourceFolders(root), architecture)];
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  else if (findings.length === 0) process.stdout.write('architecture: no import cycles, no upward imports, every folder in the module map\n');
  else process.stdout.write(`${findings.map((finding) => `architecture: ${finding.message}`).join('\n')}\n`);
  if (findings.length > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
