import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema } from '../../../src/config/schema.js';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const lines = dockerfile.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));

describe('Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1] ?? '', name: m[2] ?? '' }));

  it('is multi-stage on a current Node LTS slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const [index, stage] of stages.entries()) {
      // A stage starts from the Node image or from a stage defined before it.
      if (!stages.slice(0, index).some((earlier) => earlier.name === stage.image)) expect(stage.image).toMatch(/^node:(22|24)-[a-z]+-slim$/);
    }
  });

  /** The lines of one stage, up to the next FROM. */
  const stageLines = (name: string) => dockerfile.split(/^(?=FROM\s)/m).find((block) => new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\s*$`, 'im').test(block.split('\n')[0] ?? '')) ?? '';

  it('builds the default image (the last stage) from the production build, without the simulator; the dev stage adds it', () => {
    expect(stages.at(-1)?.name).toBe('runtime');
    const froms = (stage: string) => [...stageLines(stage).matchAll(/--from=(\S+)/g)].map((m) => m[1]);
    expect(new Set(froms('runtime'))).toEqual(new Set(['build']));
    expect(stageLines('build')).toMatch(/npm run build &&/);
    expect(new Set(froms('dev'))).toEqual(new Set(['build-dev']));
    expect(stageLines('build-dev')).toMatch(/npm run build:dev &&/);
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { exclude?: string[] };
    expect(build.exclude).toEqual(expect.arrayContaining(['src/sim']));
  });

  it('copies only files that exist, and only from stages it defines', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY'))) {
      const from = /--from=(\S+)/.exec(line)?.[1];
      const parts = line.replace(/--\S+/g, '').trim().split(/\s+/).slice(1, -1);
      if (from) {
        expect(stages.map((s) => s.name)).toContain(from);
      } else {
        for (const source of parts) expect(existsSync(source), `${source} named in "${line}"`).toBe(true);
      }
    }
  });

  it('runs as a non-root user, checks /healthz and starts the worker by default', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    // --expose-gc: the worker collects its heap once idle with the global gc (src/app/idle-gc.ts).
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "--expose-gc", "dist\/src\/cli\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["worker"\]$/m);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).bin['stratsys-sync']).toBe('dist/src/cli.js');
  });

  it('sets only variables the config schema knows (besides NODE_ENV)', () => {
    const envBlock = /ENV ([\s\S]*?)\nWORKDIR/.exec(dockerfile)?.[1] ?? '';
    const names = [...envBlock.matchAll(/([A-Z_]+)=/g)].map((m) => m[1]);
    for (const name of names) if (name !== 'NODE_ENV') expect(Object.keys(EnvSchema.shape)).toContain(name);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { image?: string; build?: string | { context: string; target?: string }; command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number }; ports?: string[] }
    >;
  };

  it('brings up Redis (AOF, noeviction), Mailpit, the simulator and two workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['mailpit', 'redis', 'stratsys-sim', 'worker']);
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction']));
    expect(compose.services.mailpit?.image).toMatch(/^axllent\/mailpit/);
    expect(compose.services['stratsys-sim']?.command?.[0]).toBe('sim');
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    expect(compose.services.worker?.command).toEqual(['worker']);
  });

  it('runs the simulator from the dev image and the workers from the production image', () => {
    expect(compose.services['stratsys-sim']?.build).toMatchObject({ context: '.', target: 'dev' });
    const worker = compose.services.worker?.build;
    expect(typeof worker === 'string' ? undefined : worker?.target).toBeUndefined();
    expect(compose.services.worker?.image).not.toBe(compose.services['stratsys-sim']?.image);
  });

  it('publishes every port on loopback only (Mailpit and the simulator have no authentication)', () => {
    const published = Object.entries(compose.services).flatMap(([name, service]) => (service.ports ?? []).map((port) => ({ name, port })));
    expect(published.map((entry) => entry.name).sort()).toEqual(['mailpit', 'stratsys-sim', 'worker']);
    for (const { name, port } of published) expect(port, name).toMatch(/^127\.0\.0\.1:/);
  });

  it('gives the workers only variables the config schema knows, and values it accepts', async () => {
    const environment = compose.services.worker?.environment ?? {};
    for (const name of Object.keys(environment)) expect(Object.keys(EnvSchema.shape)).toContain(name);
    const parsed = EnvSchema.safeParse({ ...environment, ADMIN_TOKEN: '3f9c1e0a7b2d4c6e8f0a1b2c3d4e5f60' });
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });
});
