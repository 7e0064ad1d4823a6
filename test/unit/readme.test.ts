// The README's configuration table is what users read: every setting in the schema must be in it.
import { readFileSync } from 'node:fs';
import { SettingsSchema } from '../../src/config/schema.js';

interface Node {
  type?: string;
  properties?: Record<string, Node>;
}

function leafKeys(node: Node, prefix = ''): string[] {
  if (node.type !== 'object' || !node.properties) return [prefix];
  return Object.entries(node.properties).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    // Small fixed maps (per-priority thresholds) are one row.
    return path.startsWith('thresholds.') && child.type === 'object' ? [path] : leafKeys(child, path);
  });
}

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it.each(leafKeys(SettingsSchema as unknown as Node))('documents the setting %s', (key) => {
    expect(readme).toContain(`| \`${key}\` |`);
  });

  it('keeps the two quickstart commands that CI and new users run', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m);
  });
});
