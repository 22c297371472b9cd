/**
 * Serves dist/ for the whole browser-test run and hands its URL to the tests.
 * It serves a snapshot copy: a build started meanwhile (several people share this working tree)
 * must not swap files under a running test.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distRoot, serveStatic } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    distDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(resolve('dist', 'index.html'))) {
    throw new Error('dist/ has no index.html: run `npm run build` before the browser tests.');
  }
  if (!process.env.CHROMIUM_PATH) {
    throw new Error(
      'CHROMIUM_PATH is not set: run the browser tests through `npm test`, or set it to a Chromium binary.',
    );
  }
  const snapshot = mkdtempSync(join(tmpdir(), 'netlab-dist-'));
  cpSync(resolve('dist'), snapshot, { recursive: true });
  const dist = distRoot(snapshot);
  const { server, baseURL } = await serveStatic(dist);
  project.provide('baseURL', baseURL);
  project.provide('distDir', dist);
  return async () => {
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(snapshot, { recursive: true, force: true });
  };
}
