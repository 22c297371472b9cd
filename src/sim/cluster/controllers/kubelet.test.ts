import { describe, expect, it } from 'vitest';
import { normalizeImage, imageId } from './kubelet';
import { labSession } from '../../shell/testing';

describe('normalizeImage', () => {
  // containerd's reference normalisation (docker.io, library/, :latest), as `crictl images` lists them.
  it('adds docker.io, library/ and :latest the way containerd names images', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('traefik/whoami')).toBe('docker.io/traefik/whoami:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  it('gives an image one digest, whatever spelling names it', () => {
    expect(imageId('nginx')).toBe(imageId('docker.io/library/nginx:latest'));
    expect(imageId('nginx')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});

describe('the kubelet', () => {
  it('shows a new pod ContainerCreating on the next line and Running once its start delay passed', async () => {
    const lab = await labSession('kind-iptables');
    const phase = 'kubectl get pod web -o jsonpath="{.status.phase} {.status.containerStatuses[0].state}"';
    expect(await lab.run('kubectl run web --image=nginx')).toBe('pod/web created\n');
    expect(await lab.run(phase)).toBe('Pending {"waiting":{"reason":"ContainerCreating"}}');
    await lab.run('sleep 30');
    expect(await lab.run(phase)).toMatch(/^Running \{"running":\{"startedAt":"[0-9TZ:-]+"\}\}$/);
  });
});
