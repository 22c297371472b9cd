import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('sed', () => {
  it('substitutes the first match or all with g, with & and groups', async () => {
    expect(
      await sh(
        "echo 'a.b.c' | sed 's/\\./-/'",
        "echo 'a.b.c' | sed 's/\\./-/g'",
        "echo 'web-1' | sed -E 's/(web)-([0-9])/\\2:\\1 [&]/'",
      ),
    ).toBe('a-b.c\na-b-c\n1:web [web-1]\n');
  });

  it('prints selected lines with -n and p, deletes ranges with d', async () => {
    expect(await sh("seq 5 | sed -n '/[24]/p'", "seq 5 | sed '2,4d'", "seq 3 | sed -n '$p'")).toBe('2\n4\n1\n5\n3\n');
  });

  it('edits a file in place with -i', async () => {
    expect(await sh("printf 'mode: iptables\\n' > kp.yaml", "sed -i 's/iptables/ipvs/' kp.yaml", 'cat kp.yaml')).toBe(
      'mode: ipvs\n',
    );
  });

  it('says which commands are not emulated', async () => {
    expect(await sh("echo a | sed 'N'; echo $?")).toBe(
      "netlab: sed: the command 'N' is not emulated (s, d, p, q, y, a, i, c and = are)\n1\n",
    );
  });
});
