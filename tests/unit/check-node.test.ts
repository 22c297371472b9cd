/** `npm test`, `npm run dev` and `npm run build` stop at once, with the fix, on a Node older than 22.12. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Run scripts/check-node.mjs as if on Node `version`. */
function checkAs(version: string) {
  const fake = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"})`;
  return spawnSync(process.execPath, ['--import', fake, 'scripts/check-node.mjs'], { encoding: 'utf8' });
}

describe('the Node version check', () => {
  it('refuses Node 20 and 22.11 with the one-line fix', () => {
    for (const v of ['20.20.2', '22.11.0']) {
      const r = checkAs(v);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`this is Node ${v}`);
      expect(r.stderr).toContain('nvm install && nvm use');
    }
  });

  it('accepts 22.12 and 24', () => {
    for (const v of ['22.12.0', '24.1.0']) expect(checkAs(v).status).toBe(0);
  });

  it('runs before test, dev and build', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
    for (const s of ['pretest', 'predev', 'prebuild'])
      expect(pkg.scripts[s as 'pretest']).toBe('node scripts/check-node.mjs');
  });
});
