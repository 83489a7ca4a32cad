import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary mappings folder holding the shipped Gävle mapping, changed by `transform` (which must change it). */
export async function mappingsWith(transform: (text: string) => string): Promise<string> {
  const original = readFileSync('mappings/gavle-2018-2020.yaml', 'utf8');
  const changed = transform(original);
  if (changed === original) throw new Error('mappingsWith: the transform changed nothing');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-mappings-'));
  writeFileSync(path.join(dir, 'gavle-2018-2020.yaml'), changed);
  return dir;
}
