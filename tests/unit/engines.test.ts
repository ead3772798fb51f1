import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The README promises Node.js ≥ 20.19 (22 from 22.13, and 24); CI runs on 20. A package
 * in the lockfile that declares a narrower `engines.node` (cookie 2 and content-disposition 3
 * ask for ≥ 22) breaks that promise even when it happens to run: check every installed package
 * against the lowest version of each promised major.
 */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
};

describe('engines', () => {
  // The lowest version of each major the range admits: 20.19.0, 22.13.0, 24.0.0.
  const promised = pkg.engines.node.split('||').map((part) => semver.minVersion(part.trim())?.version ?? part);
  const floor = promised[0];

  it('the README names the version package.json promises', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(promised).toEqual(['20.19.0', '22.13.0', '24.0.0']);
    expect(readme).toContain(`Node.js ≥ ${floor?.replace(/\.0$/, '')}`);
  });

  it.each(promised)('every locked package admits Node %s', (node) => {
    const refused: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (!path || !range) continue;
      if (!semver.satisfies(node, range, { includePrerelease: true })) refused.push(`${path}@${p.version} wants node ${range}`);
    }
    expect(refused).toEqual([]);
  });
});
