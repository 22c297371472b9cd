import { describe, expect, it } from 'vitest';
import { appForImage, imageHasTool, isBusyboxApp, shellsInImage } from './registry';
import { parseImage } from './image';

describe('image references', () => {
  it('drops the default registry and library/ and keeps the tag', () => {
    expect(parseImage('docker.io/library/nginx:1.25')).toEqual({ repo: 'nginx', tag: '1.25' });
  });

  it('takes latest when no tag is given and ignores a digest', () => {
    expect(parseImage('traefik/whoami@sha256:0123')).toEqual({ repo: 'traefik/whoami', tag: 'latest' });
  });

  it('keeps a registry host with a port apart from the tag', () => {
    expect(parseImage('localhost:5000/app:v2')).toEqual({ repo: 'localhost:5000/app', tag: 'v2' });
  });
});

describe('the image table', () => {
  it('knows whoami under any registry and spelling', () => {
    expect(appForImage('docker.io/traefik/whoami:v1.10')?.id).toBe('whoami');
  });

  it('gives echoserver 1.5 the old report and 1.10 the new one', () => {
    expect(appForImage('k8s.gcr.io/echoserver:1.5')?.http).not.toBe(
      appForImage('registry.k8s.io/echoserver:1.10')?.http,
    );
  });

  it('says a scratch image such as whoami has no shell', () => {
    expect(shellsInImage('traefik/whoami')).toEqual([]);
  });

  it('gives netshoot sh, bash and zsh, and busybox only sh', () => {
    expect([shellsInImage('nicolaka/netshoot'), shellsInImage('busybox:1.36')]).toEqual([
      ['sh', 'bash', 'zsh'],
      ['sh'],
    ]);
  });

  it('takes an unknown image to be Debian-like with sh and bash but no network tools', () => {
    expect([
      appForImage('example/unknown:1'),
      shellsInImage('example/unknown:1'),
      imageHasTool('example/unknown:1', 'curl'),
    ]).toEqual([undefined, ['sh', 'bash'], false]);
  });

  it('puts curl in netshoot and curlimages/curl but not in busybox, which has wget', () => {
    expect(
      ['nicolaka/netshoot', 'curlimages/curl:8.10.1', 'busybox'].map((i) => [
        imageHasTool(i, 'curl'),
        imageHasTool(i, 'wget'),
      ]),
    ).toEqual([
      [true, true],
      [true, true],
      [false, true],
    ]);
  });

  it('marks BusyBox-based images so ping and wget print BusyBox formats', () => {
    expect([isBusyboxApp('busybox'), isBusyboxApp('alpine:3.20'), isBusyboxApp('nicolaka/netshoot')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
