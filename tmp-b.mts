import { buildLargeSnapshot, buildMapping, TZ } from './test/support/builders.ts';
import { buildProgrammeView } from './src/mapping/engine.ts';
import { coverage } from './src/mapping/coverage.ts';
const s = buildLargeSnapshot(1000, 100);
const m = buildMapping();
for (let i = 0; i < 6; i++) { const t = performance.now(); buildProgrammeView(s, m, { timeZone: TZ }); console.log('view', Math.round(performance.now() - t)); }
const t = performance.now(); coverage(s, m); console.log('coverage', Math.round(performance.now() - t));
