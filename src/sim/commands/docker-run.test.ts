/**
 * `docker run` on the kind network, as the kans-week5 seed starts its external client `mypc`.
 * Expected texts: docker 28.2.2's client (its flag and argument errors need no daemon; run here),
 * moby's daemon messages (daemon/names.go's name conflict, the registry's pull denial), iproute2's
 * RTNETLINK error for a change without CAP_NET_ADMIN, and the bridge driver's wiring (the gateway
 * is the network's .1, the container's default route goes through it, its MAC is 02:42 and its IPv4).
 */
import { describe, expect, it } from 'vitest';
import { labSession, runLines, type Lab } from '../shell/testing';

const MYPC = 'docker run -d --rm --name mypc --network kind --ip 172.18.0.100 nicolaka/netshoot sleep infinity';

async function withMypc(): Promise<Lab> {
  const lab = await labSession('kind-ipvs');
  expect(await lab.run(MYPC)).toMatch(/^[0-9a-f]{64}\n$/);
  return lab;
}

describe('docker run on the kind network', () => {
  it('lists the container in docker ps beside the node containers, newest first', async () => {
    const lab = await withMypc();
    const lines = (await lab.run('docker ps')).split('\n');
    expect(lines[0]).toBe(
      'CONTAINER ID   IMAGE                  COMMAND                  CREATED         STATUS         PORTS     NAMES',
    );
    expect(lines[1]).toMatch(
      /^[0-9a-f]{12}   nicolaka\/netshoot      "sleep infinity"         \d+ seconds ago   Up \d+ seconds             mypc$/,
    );
    expect(lines.slice(2, 6).map((l) => l.split(/\s+/).pop())).toEqual([
      'myk8s-worker3',
      'myk8s-worker2',
      'myk8s-worker',
      'myk8s-control-plane',
    ]);
  });

  it('gives the container the asked address on eth0 and a default route via the bridge gateway', async () => {
    const lab = await withMypc();
    const out = await lab.run('docker exec mypc ip -4 -br addr show dev eth0', 'docker exec mypc ip route');
    expect(out).toMatch(/^eth0@if\d+ +UP +172\.18\.0\.100\/16 \n/);
    expect(out).toContain(
      'default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.100 \n',
    );
    expect(await lab.run('docker exec mypc ip link show eth0')).toContain('link/ether 02:42:ac:12:00:64 ');
    expect(await lab.run("docker inspect mypc --format '{{.NetworkSettings.Networks.kind.IPAddress}}'")).toBe(
      '172.18.0.100\n',
    );
  });

  it('is reachable from a node, and reaches the nodes', async () => {
    const lab = await withMypc();
    expect(await lab.run('docker exec myk8s-worker ping -c 1 -W 1 172.18.0.100 >/dev/null; echo $?')).toBe('0\n');
    expect(await lab.run('docker exec mypc ping -c 1 -W 1 172.18.0.2 >/dev/null; echo $?')).toBe('0\n');
  });

  it('takes a free address of the subnet when --ip is not given', async () => {
    const lab = await withMypc();
    await lab.run('docker run -d --name other --network kind nicolaka/netshoot sleep infinity');
    const ip = (await lab.run("docker inspect other --format '{{.NetworkSettings.Networks.kind.IPAddress}}'")).trim();
    expect(ip).toMatch(/^172\.18\.\d+\.\d+$/);
    expect(['172.18.0.1', '172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5', '172.18.0.100']).not.toContain(ip);
  });

  it('reaches a ClusterIP through a node once routed there; the pod sees the node address (masquerade)', async () => {
    const lab = await withMypc();
    await lab.run(
      'kubectl create deployment web --image traefik/whoami --replicas 2',
      'kubectl expose deployment web --port 9000 --target-port 80',
      'kubectl rollout status deployment web',
    );
    await lab.run('CIP=$(kubectl get svc web -o jsonpath={.spec.clusterIP})');
    // Not routed: the default route leads to the host, which has no route to the service range.
    expect(await lab.run('docker exec mypc curl -s --connect-timeout 1 $CIP:9000; echo $?')).toBe('28\n');
    // A container has no CAP_NET_ADMIN unless given it.
    expect(await lab.run('docker exec mypc ip route add 10.200.1.0/24 via 172.18.0.2; echo $?')).toBe(
      'RTNETLINK answers: Operation not permitted\n2\n',
    );
    expect(await lab.run('docker exec --privileged mypc ip route add 10.200.1.0/24 via 172.18.0.2; echo $?')).toBe(
      '0\n',
    );
    const out = await lab.run('docker exec mypc curl -s --connect-timeout 1 $CIP:9000');
    expect(out).toMatch(/^Hostname: web-/);
    // KUBE-SERVICES marks traffic to a ClusterIP from outside the pod CIDR for masquerade.
    expect(out).toMatch(/\nRemoteAddr: 172\.18\.0\.2:\d+\n/);
  });

  it('removes the container with rm -f, and then it is gone', async () => {
    const lab = await withMypc();
    expect(await lab.run('docker rm -f mypc')).toBe('mypc\n');
    expect(await lab.run('docker exec mypc hostname; echo $?')).toBe(
      'Error response from daemon: No such container: mypc\n1\n',
    );
    expect(await lab.run('docker exec myk8s-worker ping -c 1 -W 1 172.18.0.100 >/dev/null; echo $?')).toBe('1\n');
  });

  it('runs a one-shot command attached and, with --rm, forgets it', async () => {
    const lab = await labSession('kind-ipvs');
    expect(await lab.run('docker run --rm --network kind busybox echo hi; echo $?')).toBe('hi\n0\n');
    expect(await lab.run('docker ps -a -q | wc -l')).toBe('4\n');
  });

  it('refuses a name that is taken, as the daemon does', async () => {
    const lab = await withMypc();
    const id = (await lab.run("docker inspect mypc --format '{{.Id}}'")).trim();
    expect(await lab.run(`${MYPC}; echo $?`)).toBe(
      `docker: Error response from daemon: Conflict. The container name "/mypc" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n125\n`,
    );
  });

  it('fails to pull an image that does not exist', async () => {
    const lab = await labSession('kind-ipvs');
    expect(await lab.run('docker run --network kind nosuch/image; echo $?')).toBe(
      "Unable to find image 'nosuch/image:latest' locally\ndocker: Error response from daemon: pull access denied for nosuch/image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n125\n",
    );
  });

  it('says what it does not emulate, and keeps docker’s own flag errors', async () => {
    const lab = await labSession('kind-ipvs');
    expect(await lab.run('docker run -p 8080:80 --network kind nginx; echo $?')).toBe(
      'netlab: docker run --publish is not emulated\n1\n',
    );
    expect(await lab.run('docker run -d --network kind traefik/whoami; echo $?')).toBe(
      'netlab: docker run traefik/whoami is not emulated (netlab runs nicolaka/netshoot, busybox, alpine and curlimages/curl)\n1\n',
    );
    expect(await lab.run('docker run -d nicolaka/netshoot sleep infinity; echo $?')).toBe(
      'netlab: docker run on the default bridge network is not emulated (use --network kind)\n1\n',
    );
    // docker 28.2.2, run here: no daemon needed for a flag error.
    expect(await lab.run('docker run --foo x; echo $?')).toBe(
      "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n125\n",
    );
    expect(await lab.run('docker run; echo $?')).toBe(
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n1\n",
    );
  });
});

describe('a docker run container in the emulator', () => {
  it('survives a snapshot and restore: its record, address and wiring', async () => {
    const lab = await withMypc();
    const { Emulator } = await import('../emulator');
    const emu = Emulator.restore(JSON.parse(JSON.stringify(lab.emu.snapshot())));
    const out = await runLines(emu.openShell(), [
      "docker ps --format '{{.Names}} {{.Image}}' | head -1",
      'docker exec myk8s-worker ping -c 1 -W 1 172.18.0.100 >/dev/null; echo $?',
    ]);
    expect(out).toBe('mypc nicolaka/netshoot\n0\n');
  });

  it('opens a shell in the container with exec -it and comes back with exit', async () => {
    const lab = await withMypc();
    const id = (await lab.run("docker inspect mypc --format '{{.Id}}'")).trim();
    await lab.run('docker exec -it mypc bash');
    expect(lab.sh.location()).toEqual({ kind: 'container', name: 'mypc' });
    // Docker's default hostname is the short container id, in /etc/hostname and /etc/hosts.
    expect(await lab.run('cat /etc/hostname; tail -1 /etc/hosts')).toBe(
      `${id.slice(0, 12)}\n172.18.0.100\t${id.slice(0, 12)}\n`,
    );
    await lab.run('exit');
    expect(lab.sh.location()).toEqual({ kind: 'host' });
  });
});
