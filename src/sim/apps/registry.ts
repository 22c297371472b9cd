/**
 * The table of known images. Every question about what an image does (its sockets, its HTTP
 * answers, its shells and tools) goes through `appForImage`; an image not in the table still runs
 * but listens on nothing, and its pod's events say so.
 */
import { parseImage, repoIs } from './image';
import type { AppSpec, Tool } from './types';
import { WHOAMI } from './whoami';
import { ECHOSERVER, ECHOSERVER_OLD } from './echoserver';
import { NGINX } from './nginx';
import { KUBETM_APP } from './kubetm';
import { BUSYBOX, CURL, DNSUTILS, KUBETM_INIT, NETSHOOT, PAUSE } from './clients';
import {
  COREDNS,
  ETCD,
  KINDNETD,
  KUBE_APISERVER,
  KUBE_CONTROLLER_MANAGER,
  KUBE_PROXY,
  KUBE_SCHEDULER,
  LOCAL_PATH,
  NODE_CACHE,
  OTHER_CNI,
} from './system';

const APPS: readonly AppSpec[] = [
  WHOAMI,
  NGINX,
  KUBETM_APP,
  NETSHOOT,
  BUSYBOX,
  CURL,
  KUBETM_INIT,
  DNSUTILS,
  PAUSE,
  COREDNS,
  KUBE_APISERVER,
  ETCD,
  KUBE_CONTROLLER_MANAGER,
  KUBE_SCHEDULER,
  KUBE_PROXY,
  KINDNETD,
  LOCAL_PATH,
  NODE_CACHE,
  OTHER_CNI,
];

/** echoserver tags up to 1.5 print the old report. */
function echoserverFor(tag: string): AppSpec {
  const m = /^1\.(\d+)/.exec(tag);
  return m && Number(m[1]) <= 5 ? ECHOSERVER_OLD : ECHOSERVER;
}

/** The app an image runs, or undefined for an image the emulator does not know. */
export function appForImage(image: string): AppSpec | undefined {
  const { repo, tag } = parseImage(image);
  if (repoIs(repo, 'echoserver')) return echoserverFor(tag);
  return APPS.find((a) => a.images.some((name) => repoIs(repo, name)));
}

/** Shells present in an image; unknown images are taken to be Debian-like (sh and bash). */
export function shellsInImage(image: string): string[] {
  return appForImage(image)?.shells ?? ['sh', 'bash'];
}

/** Whether an image ships a tool; unknown images have only the basics (`hostname`). */
export function imageHasTool(image: string, tool: Tool): boolean {
  const app = appForImage(image);
  return app ? app.tools.includes(tool) : tool === 'hostname';
}

/** Whether an image's tools are BusyBox applets (their ping and wget print BusyBox's formats). */
export function isBusyboxApp(image: string): boolean {
  return appForImage(image)?.busybox === true;
}
