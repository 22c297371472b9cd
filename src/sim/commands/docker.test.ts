import { describe, expect, it } from 'vitest';
import { addNodes, freshSession, runLines } from '../shell/testing';

function withNodes() {
  const s = freshSession();
  addNodes(s.emu, ['myk8s-control-plane', 'myk8s-worker']);
  return s;
}

describe('docker exec', () => {
  it('runs one command in the node and returns to the host', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker exec myk8s-worker hostname; hostname'])).toBe('myk8s-worker\nnetlab\n');
    expect(sh.location()).toEqual({ kind: 'host' });
  });

  it('runs the seed loop over nodes with -it', async () => {
    const { sh } = withNodes();
    expect(
      await runLines(sh, [
        'for i in control-plane worker; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i cat /etc/hostname; echo; done',
      ]),
    ).toBe('>> node myk8s-control-plane <<\nmyk8s-control-plane\n\n>> node myk8s-worker <<\nmyk8s-worker\n\n');
  });

  it('runs sh -c scripts in the node', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ["docker exec myk8s-worker sh -c 'cd /etc && pwd && hostname'"])).toBe(
      '/etc\nmyk8s-worker\n',
    );
  });

  it('enters the node shell with -it NODE bash and leaves with exit', async () => {
    const { sh } = withNodes();
    await runLines(sh, ['docker exec -it myk8s-control-plane bash']);
    expect(sh.prompt()).toBe('root@myk8s-control-plane:/# ');
    expect(await runLines(sh, ['exit'])).toBe('exit\n');
    expect(sh.prompt()).toBe('learner@netlab:~$ ');
  });

  it('reads piped commands with -i NODE sh', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ["echo 'hostname; whoami' | docker exec -i myk8s-worker sh"])).toBe(
      'myk8s-worker\nroot\n',
    );
  });

  it('answers an unknown container as the daemon does', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker exec -it nope bash; echo $?'])).toBe(
      'Error response from daemon: No such container: nope\n1\n',
    );
  });

  it('answers a missing command as the OCI runtime does', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker exec myk8s-worker nope; echo $?'])).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown\n127\n',
    );
  });

  it('prints docker usage when the command is missing (docker 28.2.2, run here)', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker exec myk8s-worker; echo $?'])).toBe(
      "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n1\n",
    );
  });

  it('says which subcommands are not emulated', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker compose up; echo $?'])).toBe('netlab: docker compose is not emulated\n1\n');
  });

  it('is not installed inside a node', async () => {
    const { sh } = withNodes();
    expect(await runLines(sh, ['docker exec myk8s-worker docker ps; echo $?'])).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "docker": executable file not found in $PATH: unknown\n127\n',
    );
  });
});

describe('docker exec outside kind', () => {
  it('finds no container named after an EC2 node: those are reached with ssh', async () => {
    const { Emulator } = await import('../emulator');
    const emu = Emulator.create({ scenario: 'aws-vpc-cni', seed: 1 });
    const node = emu.store.list('nodes')[0]!.metadata.name;
    let out = '';
    const w = { write: (s: string) => void (out += s) };
    const status = await emu.openShell().run(`docker exec ${node} ip route`, { stdout: w, stderr: w });
    expect(out).toBe(`Error response from daemon: No such container: ${node}\n`);
    expect(status).toBe(1);
  });
});
