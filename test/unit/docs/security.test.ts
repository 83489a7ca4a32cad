import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };

describe('README security section', () => {
  it('lists every production dependency with the version locked, as checked by hand', () => {
    const table = readme.split('<!-- dependencies:start -->\n')[1]?.split('\n<!-- dependencies:end -->')[0] ?? '';
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    for (const name of Object.keys(pkg.dependencies)) {
      const locked = lock.packages[`node_modules/${name}`]?.version;
      const row = rows.find((line) => line.split('|')[1]?.includes(`\`${name}\``));
      expect(row, `${name} is missing from the README's dependency table (check its advisories, then add it)`).toBeDefined();
      expect(row?.split('|')[2]?.trim(), `${name}: the README names another version than package-lock.json (${locked})`).toBe(locked);
    }
    expect(rows.length).toBeLessThanOrEqual(Object.keys(pkg.dependencies).length);
  });

  it('says how the admin HTTP goes behind TLS and that npm audit could not be run', () => {
    expect(readme).toMatch(/## Security\n[\s\S]*TLS-terminating reverse proxy/);
    expect(readme).toContain('`npm audit` cannot run on the build machine');
  });
});
