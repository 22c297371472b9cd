import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';

async function run(line: string): Promise<{ out: string; status: number }> {
  const emu = Emulator.create({ scenario: 'kind-ipvs', seed: 1 });
  const sh = emu.openShell();
  let out = '';
  const w = { write: (s: string) => void (out += s) };
  const status = await sh.run(line, { stdout: w, stderr: w });
  return { out, status };
}

describe('apt on a kind node', () => {
  it("lets the study notes' install line run and says which tools exist here", async () => {
    const r = await run(
      "docker exec -it myk8s-control-plane sh -c 'apt update && apt install ipset ipvsadm dnsutils tree -y' && echo chained",
    );
    expect(r.out).toBe(
      'netlab: apt update is not emulated: there is no package archive to reach (nothing to update).\n' +
        'netlab: apt install is not emulated: there is no package archive to reach.\n' +
        'netlab: already available here: ipset ipvsadm dig nslookup host\n' +
        'netlab: not emulated here: tree\n' +
        'chained\n',
    );
    expect(r.status).toBe(0);
  });

  it("fails with apt's exit status for a subcommand it does not emulate", async () => {
    const r = await run('docker exec myk8s-worker apt remove curl');
    expect(r.out).toBe(
      'netlab: apt remove is not emulated; only "apt update" and "apt install PACKAGE..." are, to say which tools exist here.\n',
    );
    expect(r.status).toBe(1);
  });

  it('does not exist inside a pod', async () => {
    const r = await run(
      'kubectl run x --image=nicolaka/netshoot -- sleep infinity >/dev/null; sleep 10; kubectl exec x -- apt update',
    );
    expect(r.out).toContain('executable file not found in $PATH');
  });
});
