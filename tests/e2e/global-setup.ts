/** Serves dist/ for the whole browser-test run and hands its URL to the tests. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { distRoot, serveStatic } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    distDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dist = distRoot(resolve('dist'));
  if (!existsSync(resolve(dist, 'index.html'))) {
    throw new Error('dist/ has no index.html: run `npm run build` before the browser tests.');
  }
  if (!process.env.CHROMIUM_PATH) {
    throw new Error('CHROMIUM_PATH is not set: run the browser tests through `npm test`, or set it to a Chromium binary.');
  }
  const { server, baseURL } = await serveStatic(dist);
  project.provide('baseURL', baseURL);
  project.provide('distDir', dist);
  return () => new Promise<void>((done) => server.close(() => done()));
}
