import { describe, expect, it } from 'vitest';
import { freshSession, runLines, runFresh as sh1, addNodes, addPod } from './testing';
import { CLOCK_EPOCH, LINE_TICK_MS } from '../core/clock';
import { HOST_EXIT_NOTE } from './session';
import { Emulator } from '../emulator';
import type { CommandSpec } from './types';

describe('expansion', () => {
  it('expands numeric and comma brace expressions', async () => {
    expect(await sh1('echo {1..5} x{a,b}y {03..5}')).toBe('1 2 3 4 5 xay xby 03 04 05\n');
  });

  it('expands parameters with defaults, lengths and trims', async () => {
    expect(await sh1('f=svc-clusterip.yaml', 'echo ${nope:-dflt} ${#f} ${f%.yaml} ${f#svc-} ${f/cluster/node}')).toBe(
      'dflt 18 svc-clusterip clusterip.yaml svc-nodeip.yaml\n',
    );
  });

  it('splits unquoted expansions on IFS but not quoted ones', async () => {
    expect(await sh1('v="a   b"', 'printf "[%s]" $v; echo', 'printf "[%s]" "$v"; echo')).toBe('[a][b]\n[a   b]\n');
  });

  it('drops an unquoted empty expansion but keeps a quoted one', async () => {
    expect(await sh1('printf "<%s>" x $empty "" y; echo')).toBe('<x><><y>\n');
  });

  it('strips trailing newlines from command substitution and keeps inner ones when quoted', async () => {
    expect(await sh1('x="$(printf "a\\nb\\n\\n")"', 'echo "$x"', 'echo $x')).toBe('a\nb\na b\n');
  });

  it('evaluates arithmetic with variables', async () => {
    expect(await sh1('n=7', 'echo $((n * 3 + 1)) $(( (n + 1) / 3 )) $((n % 4)) $((n > 5))')).toBe('22 2 3 1\n');
  });

  it("decodes $'...' escapes", async () => {
    expect(await sh1("printf '%s' $'a\\tb'; echo")).toBe('a\tb\n');
  });

  it('expands ~ to the home directory', async () => {
    expect(await sh1('echo ~ ~/x "~"')).toBe('/home/learner /home/learner/x ~\n');
  });

  it('globs against the location filesystem and leaves a non-matching pattern as typed', async () => {
    expect(await sh1('touch b.yaml a.yaml c.txt', 'echo *.yaml', 'echo *.json', 'echo "*.yaml"')).toBe(
      'a.yaml b.yaml\n*.json\n*.yaml\n',
    );
  });

  it('sets $? from the last command and from command substitution', async () => {
    expect(await sh1('false; echo $?', 'x=$(false); echo $?', 'nope 2>/dev/null; echo $?')).toBe('1\n1\n127\n');
  });
});

describe('control flow', () => {
  it('runs && and || by status', async () => {
    expect(await sh1('true && echo a || echo b', 'false && echo c || echo d')).toBe('a\nd\n');
  });

  it('runs for, while, until and C-style for loops', async () => {
    expect(
      await sh1(
        'for i in a b; do echo $i; done',
        'n=0; while [ $n -lt 2 ]; do n=$((n+1)); echo w$n; done',
        'until [ $n -eq 0 ]; do n=$((n-1)); done; echo u$n',
        'for ((i=0;i<3;i++)); do echo -n $i; done; echo',
      ),
    ).toBe('a\nb\nw1\nw2\nu0\n012\n');
  });

  it('supports break and continue with levels', async () => {
    expect(
      await sh1(
        'for i in 1 2 3; do for j in a b; do [ $i = 2 ] && continue 2; [ $i = 3 ] && break 2; echo $i$j; done; done',
      ),
    ).toBe('1a\n1b\n');
  });

  it('runs if/elif/else and case', async () => {
    expect(
      await sh1(
        'x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi',
        'case web-1 in db*) echo db;; web-*|api) echo web;; esac',
      ),
    ).toBe('two\nweb\n');
  });

  it('evaluates [[ ]] with patterns, regexes and logic', async () => {
    expect(
      await sh1(
        '[[ abc == a* && ! -z x ]] && echo yes',
        '[[ 10.0.0.5 =~ ^10\\. ]] && echo ip',
        '[[ "a b" == "a b" ]] && echo q',
      ),
    ).toBe('yes\nip\nq\n');
  });

  it('calls functions with positional parameters and local variables', async () => {
    expect(await sh1('v=outer; f() { local v=inner; echo "$# $1 $v"; return 4; }', 'f a b; echo $? $v')).toBe(
      '2 a inner\n4 outer\n',
    );
  });

  it('reads one line per iteration in while read loops over a file or a pipe', async () => {
    expect(
      await sh1(
        "printf 'a b\\nc d\\n' > f.txt",
        'while read x y; do echo "[$y|$x]"; done < f.txt',
        'cat f.txt | while read l; do echo "<$l>"; done',
      ),
    ).toBe('[b|a]\n[d|c]\n<a b>\n<c d>\n');
  });

  it('keeps variables set in a pipeline stage out of the parent, as bash does', async () => {
    expect(await sh1('x=1; echo 2 | read x; echo $x')).toBe('1\n');
  });
});

describe('redirections', () => {
  it('writes, appends and reads files', async () => {
    expect(await sh1('echo a > f', 'echo b >> f', 'cat < f', 'wc -l < f')).toBe('a\nb\n2\n');
  });

  it('sends stderr into stdout with 2>&1 so a pipe sees it', async () => {
    expect(await sh1('cat nope 2>&1 | tr a-z A-Z')).toBe('CAT: NOPE: NO SUCH FILE OR DIRECTORY\n');
  });

  it('discards stderr with 2>/dev/null and everything with &>/dev/null', async () => {
    expect(await sh1('cat nope 2>/dev/null; echo s=$?', 'cat nope &>/dev/null; echo s=$?')).toBe('s=1\ns=1\n');
  });

  it('writes a heredoc with expansion to a file as cat <<EOT> f.yaml does', async () => {
    expect(await sh1('N=webpod1', 'cat <<EOT> 3pod.yaml\nkind: Pod\nmetadata:\n  name: $N\nEOT', 'cat 3pod.yaml')).toBe(
      'kind: Pod\nmetadata:\n  name: webpod1\n',
    );
  });

  it('strips leading tabs for <<- and keeps a quoted heredoc literal', async () => {
    expect(await sh1('cat <<-EOF\n\tindented $HOME\n\tEOF', "cat <<'EOF'\n$HOME\nEOF")).toBe(
      'indented /home/learner\n$HOME\n',
    );
  });

  it('feeds a heredoc into a pipeline', async () => {
    expect(await sh1('cat <<EOF | grep -c a\na\nb\na\nEOF')).toBe('2\n');
  });

  it("prints bash's error for a redirection into a missing directory", async () => {
    expect(await sh1('echo x > nodir/f; echo $?')).toBe('bash: nodir/f: No such file or directory\n1\n');
  });
});

describe('commands and errors', () => {
  it('prints command not found with status 127', async () => {
    expect(await sh1('foo; echo $?')).toBe('bash: foo: command not found\n127\n');
  });

  it('treats a command that exists elsewhere but not here as not found', async () => {
    const { emu, sh } = freshSession();
    addNodes(emu, ['myk8s-worker']);
    expect(await runLines(sh, ['sudo true; echo $?', 'docker exec myk8s-worker sudo true; echo $?'])).toBe(
      '0\nOCI runtime exec failed: exec failed: unable to start container process: exec: "sudo": executable file not found in $PATH: unknown\n127\n',
    );
  });

  it('presets the alias k=kubectl and expands it', async () => {
    expect(await sh1('alias')).toBe("alias k='kubectl'\n");
    expect(await sh1('k get pod -A')).toBe(await sh1('kubectl get pod -A'));
  });

  it('expands an alias followed by more words', async () => {
    expect(await sh1("alias say='echo said:'", 'say "a  b" c')).toBe('said: a  b c\n');
  });

  it('passes expanded assignments in front of an alias to the command', async () => {
    expect(await sh1("alias show='env'", 'X=$HOME/x show | grep ^X=')).toBe('X=/home/learner/x\n');
  });

  it('exports variables to the environment of commands', async () => {
    expect(await sh1('A=1; export B=2', 'env | grep -E "^(A|B)="', 'C=3 env | grep ^C=')).toBe('B=2\nC=3\n');
  });

  it('numbers history entries like bash, one entry per input', async () => {
    expect(await sh1('echo a', 'for i in 1\ndo :\ndone', 'history')).toBe(
      'a\n    1  echo a\n    2  for i in 1\ndo :\ndone\n    3  history\n',
    );
  });

  it('prints a note and stays on the host when exit is typed there', async () => {
    expect(await sh1('exit', 'echo still here')).toBe(HOST_EXIT_NOTE + 'still here\n');
  });

  it('says break is only meaningful in a loop', async () => {
    expect(await sh1('break; echo $?')).toBe("bash: break: only meaningful in a `for', `while', or `until' loop\n0\n");
  });

  it('clears the screen with the ANSI sequence', async () => {
    expect(await sh1('clear')).toBe('\x1b[H\x1b[2J\x1b[3J');
  });

  it("answers a syntax error with bash's message and status 2", async () => {
    expect(await sh1('fi', 'echo $?')).toBe("bash: syntax error near unexpected token `fi'\n2\n");
  });
});

describe('time', () => {
  it('advances the clock by LINE_TICK_MS per input line and by sleep', async () => {
    const { emu, sh } = freshSession();
    await runLines(sh, ['true', 'true; true', 'sleep 3']);
    expect(emu.clock.now()).toBe(CLOCK_EPOCH + 3 * LINE_TICK_MS + 3000);
  });

  it('ticks once per line of a multi-line input', async () => {
    const { emu, sh } = freshSession();
    await runLines(sh, ['true\ntrue\ntrue']);
    expect(emu.clock.now()).toBe(CLOCK_EPOCH + 3 * LINE_TICK_MS);
  });

  it('prints date in the default format from the virtual clock', async () => {
    expect(await sh1('date', "date '+%Y-%m-%d %H:%M:%S'")).toBe('Fri Oct  2 16:00:02 UTC 2026\n2026-10-02 16:00:04\n');
  });
});

describe('limits and interrupts', () => {
  it('stops a runaway loop with the limit message', async () => {
    const out = await sh1('while true; do :; done; echo after', 'echo $?');
    expect(out).toBe('netlab: loop stopped after 100000 iterations (a cap that keeps the page responsive)\n1\n');
  });

  it('stops endless recursion with the depth message', async () => {
    expect(await sh1('f() { f; }; f', 'echo $?')).toBe(
      'netlab: nesting deeper than 64 shells, functions or substitutions; stopped\n1\n',
    );
  });

  it('stops a flood of output at the output cap', async () => {
    const { sh } = freshSession();
    let out = '';
    let err = '';
    await sh.run('for i in {1..100000}; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done', {
      stdout: { write: (s) => void (out += s) },
      stderr: { write: (s) => void (err += s) },
    });
    expect(out.length).toBe(2 * 1024 * 1024);
    expect(err).toBe('netlab: output limit of 2 MB per command line reached; stopped\n');
  });

  it('interrupts a while true loop on abort with ^C and status 130', async () => {
    const { sh } = freshSession();
    const ac = new AbortController();
    let out = '';
    let checkpoints = 0;
    const w = { write: (s: string) => void (out += s) };
    const status = await sh.run('while true; do echo tick > /dev/null; done', {
      stdout: w,
      stderr: w,
      signal: ac.signal,
      yieldToHost: () => {
        if (++checkpoints === 50) ac.abort();
      },
    });
    expect(out).toBe('^C\n');
    expect(status).toBe(130);
    expect(await runLines(sh, ['echo $?'])).toBe('130\n');
  });
});

describe('locations', () => {
  it('shows the host, node and pod prompts', async () => {
    const { emu, sh } = freshSession();
    addNodes(emu, ['myk8s-worker']);
    addPod(emu, 'default', 'net-pod', 'nicolaka/netshoot');
    addPod(emu, 'default', 'bb', 'busybox:1.28');
    const prompts = [sh.prompt()];
    await runLines(sh, ['docker exec -it myk8s-worker bash']);
    prompts.push(sh.prompt(), sh.locationLabel());
    await runLines(sh, ['cd /etc']);
    prompts.push(sh.prompt());
    sh.enter({ kind: 'pod', namespace: 'default', pod: 'net-pod' }, 'bash');
    prompts.push(sh.prompt(), sh.locationLabel());
    sh.enter({ kind: 'pod', namespace: 'default', pod: 'bb' }, 'sh');
    prompts.push(sh.prompt());
    expect(prompts).toEqual([
      'learner@netlab:~$ ',
      'root@myk8s-worker:/# ',
      'node myk8s-worker',
      'root@myk8s-worker:/etc# ',
      'root@net-pod:/# ',
      'pod default/net-pod',
      '/ # ',
    ]);
  });

  it('gives each location its own files and steps back out with exit', async () => {
    const { emu, sh } = freshSession();
    addNodes(emu, ['myk8s-worker']);
    const out = await runLines(sh, [
      'echo host > f',
      'docker exec -it myk8s-worker bash',
      'cat f; cat /etc/hostname',
      'exit 3',
      'echo $?; cat f',
    ]);
    expect(out).toBe('cat: f: No such file or directory\nmyk8s-worker\nexit\n3\nhost\n');
    expect(sh.location()).toEqual({ kind: 'host' });
  });

  it('prints the sh variant of command not found in a busybox pod', async () => {
    const { emu, sh } = freshSession();
    addPod(emu, 'default', 'bb', 'busybox');
    sh.enter({ kind: 'pod', namespace: 'default', pod: 'bb' }, 'sh');
    expect(await runLines(sh, ['bash', 'foo'])).toBe('sh: bash: not found\nsh: foo: not found\n');
  });

  it('serves a pod /etc/hosts as the kubelet writes it', async () => {
    const { emu, sh } = freshSession();
    addPod(emu, 'default', 'net-pod', 'nicolaka/netshoot', '10.10.0.7');
    sh.enter({ kind: 'pod', namespace: 'default', pod: 'net-pod' }, 'zsh');
    expect(await runLines(sh, ['cat /etc/hosts'])).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.10.0.7\tnet-pod\n',
    );
  });
});

describe('snapshot', () => {
  it('restores location stack, cwd, variables, aliases, history and files', async () => {
    const { emu, sh } = freshSession();
    addNodes(emu, ['myk8s-worker']);
    await runLines(sh, [
      'X=42; alias ll="ls -l"; mkdir d; echo hi > d/f',
      'docker exec -it myk8s-worker bash',
      'cd /tmp; Y=7',
    ]);
    const copy = Emulator.restore(JSON.parse(JSON.stringify(emu.snapshot())));
    const sh2 = copy.shells[0]!;
    expect(sh2.prompt()).toBe('root@myk8s-worker:/tmp# ');
    expect(sh2.history).toEqual(sh.history);
    expect(await runLines(sh2, ['echo $Y', 'exit', 'echo $X; alias ll; cat d/f'])).toBe(
      "7\nexit\n42\nalias ll='ls -l'\nhi\n",
    );
  });
});

describe('interrupting a wait', () => {
  it('stops sleep at the next second on abort, keeping the time already slept', async () => {
    const { emu, sh } = freshSession();
    const ac = new AbortController();
    let checkpoints = 0;
    let out = '';
    const w = { write: (s: string) => void (out += s) };
    const status = await sh.run('sleep 100; echo not reached', {
      stdout: w,
      stderr: w,
      signal: ac.signal,
      yieldToHost: () => void (++checkpoints === 5 && ac.abort()),
    });
    expect({ out, status }).toEqual({ out: '^C\n', status: 130 });
    expect(emu.clock.now()).toBe(CLOCK_EPOCH + LINE_TICK_MS + 3000);
  });
});

// A probe for what the interpreter tells a command about the terminal (its TIOCGWINSZ).
const winsizeProbe: CommandSpec = {
  name: 'netlab-test-winsize',
  summary: 'test only: print the terminal size the command was given',
  run(ctx) {
    ctx.stdout.write(ctx.columns === undefined ? 'no terminal\n' : `${ctx.columns}x${ctx.rows}\n`);
    return 0;
  },
};
const withProbe = () => freshSession('empty', 1, { commands: [winsizeProbe] });

describe('the terminal size', () => {
  const atTerminal = { interactive: true, columns: 132, rows: 40 };

  it('is given to a command whose stdout is the terminal', async () => {
    expect(await runLines(withProbe().sh, ['netlab-test-winsize'], atTerminal)).toBe('132x40\n');
  });

  it('is not given to a command whose stdout is a pipe', async () => {
    expect(await runLines(withProbe().sh, ['netlab-test-winsize | cat'], atTerminal)).toBe('no terminal\n');
  });

  it('is not given when nobody is at the terminal', async () => {
    expect(await runLines(withProbe().sh, ['netlab-test-winsize'], { columns: 132, rows: 40 })).toBe('no terminal\n');
  });

  it('sets COLUMNS and LINES in bash as shell variables that are not exported', async () => {
    expect(
      await runLines(withProbe().sh, ['echo $COLUMNS $LINES', 'env | grep -c -e COLUMNS -e LINES'], atTerminal),
    ).toBe('132 40\n0\n');
  });

  it('follows a resize on the next input', async () => {
    const { sh } = withProbe();
    await runLines(sh, ['true'], atTerminal);
    expect(await runLines(sh, ['echo $COLUMNS $LINES'], { interactive: true, columns: 90, rows: 20 })).toBe('90 20\n');
  });

  it('leaves COLUMNS unset in netlab run and grading', async () => {
    expect(await runLines(withProbe().sh, ['echo "[$COLUMNS]"'])).toBe('[]\n');
  });

  it('sets COLUMNS in a bash entered with docker exec -it, from the next input on', async () => {
    const { emu, sh } = withProbe();
    addNodes(emu, ['myk8s-worker']);
    expect(await runLines(sh, ['docker exec -it myk8s-worker bash', 'echo $COLUMNS'], atTerminal)).toBe('132\n');
  });
});
