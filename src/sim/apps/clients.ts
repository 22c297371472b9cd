/**
 * Images learners exec into to send traffic: they listen on nothing, and differ in their shells and
 * tools (netshoot has everything; busybox has BusyBox applets; curlimages/curl has curl).
 */
import type { AppSpec } from './types';

export const NETSHOOT: AppSpec = {
  id: 'netshoot',
  images: ['nicolaka/netshoot'],
  listens: [],
  shells: ['sh', 'bash', 'zsh'],
  tools: ['curl', 'wget', 'ping', 'ip', 'hostname', 'nslookup', 'openssl'],
};
export const BUSYBOX: AppSpec = {
  id: 'busybox',
  images: ['busybox', 'alpine'],
  listens: [],
  shells: ['sh'],
  tools: ['wget', 'ping', 'ip', 'hostname', 'nslookup'],
  busybox: true,
};
export const CURL: AppSpec = {
  id: 'curl',
  images: ['curlimages/curl'],
  listens: [],
  shells: ['sh'],
  tools: ['curl', 'wget', 'ping', 'hostname'],
  busybox: true,
};
export const KUBETM_INIT: AppSpec = {
  id: 'kubetm-init',
  images: ['kubetm/init'],
  listens: [],
  shells: ['sh', 'bash'],
  tools: ['curl', 'ping', 'ip', 'hostname', 'nslookup'],
};
export const DNSUTILS: AppSpec = {
  id: 'dnsutils',
  images: [
    'tutum/dnsutils',
    'infoblox/dnstools',
    'e2e-test-images/jessie-dnsutils',
    'kubernetes-e2e-test-images/dnsutils',
  ],
  listens: [],
  shells: ['sh', 'bash'],
  tools: ['ping', 'hostname', 'nslookup'],
};
/** The pause container of every pod, and scratch images with no shell. */
export const PAUSE: AppSpec = { id: 'pause', images: ['pause'], listens: [], shells: [], tools: [] };
