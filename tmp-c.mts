import { readFileSync } from 'node:fs';
import { SnapshotSchema } from './src/snapshot/schema.ts';
import { loadMappingFile } from './src/mapping/load.ts';
import { buildProgrammeView } from './src/mapping/engine.ts';
const s = SnapshotSchema.parse(JSON.parse(readFileSync('/tmp/large-snap.json', 'utf8')));
const m = loadMappingFile('mappings/gavle-2018-2020.yaml');
for (let i = 0; i < 5; i++) { const t = performance.now(); const r = buildProgrammeView(s, m, { timeZone: 'Europe/Stockholm' }); console.log('view', Math.round(performance.now() - t), r.issues.length); }
