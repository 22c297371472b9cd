/** `kubectl auth can-i` and `auth whoami` each take only their own flags (texts from kubectl 1.31). */
import { describe, expect, it } from 'vitest';
import { runFreshIn } from '../../shell/testing';

describe('kubectl auth subcommands parse their own flags', () => {
  it.each([
    [
      'auth can-i --list -o name',
      "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl auth can-i --help' for usage.\n",
    ],
    ['auth can-i --output=json --list', "error: unknown flag: --output\nSee 'kubectl auth can-i --help' for usage.\n"],
    ['auth whoami --list', "error: unknown flag: --list\nSee 'kubectl auth whoami --help' for usage.\n"],
    ['auth whoami -A', "error: unknown shorthand flag: 'A' in -A\nSee 'kubectl auth whoami --help' for usage.\n"],
  ])('kubectl %s', async (args, text) => {
    expect(await runFreshIn('kind-iptables', `kubectl ${args}; echo $?`)).toBe(`${text}1\n`);
  });

  it('still answers with the flags each one has', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl auth can-i list pods -q -A; echo $?')).toBe('0\n');
    expect(await runFreshIn('kind-iptables', 'kubectl auth whoami -o yaml | head -2')).toBe(
      'apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\n',
    );
  });
});
