import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

const HOSTS = "printf 'Hostname: webpod1\\nIP: 10.10.1.2\\nHostname: webpod2\\nRemoteAddr: 10.10.0.9:4242\\n'";

describe('grep', () => {
  it('prints matching lines and sets the status', async () => {
    expect(await sh(`${HOSTS} | grep Hostname; echo $?`, `${HOSTS} | grep nothing; echo $?`)).toBe(
      'Hostname: webpod1\nHostname: webpod2\n0\n1\n',
    );
  });

  it('counts, inverts and numbers', async () => {
    expect(await sh(`${HOSTS} | grep -c Hostname`, `${HOSTS} | grep -v Hostname`, `${HOSTS} | grep -n IP`)).toBe(
      '2\nIP: 10.10.1.2\nRemoteAddr: 10.10.0.9:4242\n2:IP: 10.10.1.2\n',
    );
  });

  it('matches alternatives with -E and egrep, and case-insensitively with -i', async () => {
    expect(await sh(`${HOSTS} | grep -E 'IP|Remote'`, `${HOSTS} | grep -i hostname: | head -1`)).toBe(
      'IP: 10.10.1.2\nRemoteAddr: 10.10.0.9:4242\nHostname: webpod1\n',
    );
  });

  it('treats | as a literal in a basic expression and \\| as alternation', async () => {
    expect(await sh("echo 'a|b' | grep 'a|b'", "printf 'a\\nb\\n' | grep 'a\\|b'")).toBe('a|b\na\nb\n');
  });

  it('prints only the match with -o and whole words with -w', async () => {
    expect(await sh(`${HOSTS} | grep -o 'webpod[0-9]'`, "printf 'pod\\npods\\n' | grep -w pod")).toBe(
      'webpod1\nwebpod2\npod\n',
    );
  });

  it('prefixes file names when searching several files', async () => {
    expect(await sh('echo x1 > a; echo x2 > b', 'grep x a b', 'grep x nope a; echo $?')).toBe(
      'a:x1\nb:x2\ngrep: nope: No such file or directory\na:x1\n2\n',
    );
  });

  it('warns that egrep is obsolescent on the host, as GNU grep 3.8+ does', async () => {
    expect(await sh('echo a | egrep a')).toBe('egrep: warning: egrep is obsolescent; using grep -E\na\n');
  });

  it('rejects an unknown option with GNU wording and status 2', async () => {
    expect(await sh('grep -j x; echo $?')).toBe(
      "grep: invalid option -- 'j'\nTry 'grep --help' for more information.\n2\n",
    );
  });
});
