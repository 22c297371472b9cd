import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';
import { columns } from './files';

describe('files', () => {
  it('numbers lines with cat -n', async () => {
    expect(await sh("printf 'a\\nb\\n' | cat -n")).toBe('     1\ta\n     2\tb\n');
  });

  it('lists names side by side on the terminal, hidden ones with -a, and long format with -l', async () => {
    expect(await sh('touch .hidden b a', 'ls', 'ls -a', 'echo hello > a', 'ls -l a')).toBe(
      'a  b\n.  ..  .hidden  a  b\n-rw-r--r-- 1 learner learner 6 Oct  2 16:00 a\n',
    );
  });

  it('lists recursively, reversed, newest first and classified as GNU ls does', async () => {
    // Expected text recorded from GNU ls (coreutils 9.1) on the same tree:
    // mkdir -p a/b/c a/d; touch a/f a/b/g; ls -R a | cat; ls -RF a | cat; ls -r a | cat; ... (piped: one per line)
    const setup = ['mkdir -p a/b/c a/d', 'touch a/f a/b/g'];
    expect(await sh(...setup, 'ls -R a | cat')).toBe('a:\nb\nd\nf\n\na/b:\nc\ng\n\na/b/c:\n\na/d:\n');
    expect(await sh(...setup, 'ls -RF a | cat')).toBe('a:\nb/\nd/\nf\n\na/b:\nc/\ng\n\na/b/c:\n\na/d:\n');
    expect(await sh(...setup, 'ls -r a | cat', 'ls -ra a | cat')).toBe('f\nd\nb\nf\nd\nb\n..\n.\n');
    expect(await sh(...setup, 'cd a', 'ls -R | cat')).toBe('.:\nb\nd\nf\n\n./b:\nc\ng\n\n./b/c:\n\n./d:\n');
    expect(await sh(...setup, 'ls -R a/b a/d | cat')).toBe('a/b:\nc\ng\n\na/b/c:\n\na/d:\n');
    // On a terminal each directory's names are laid out in columns under its header.
    expect(await sh(...setup, 'ls -R a')).toBe('a:\nb  d  f\n\na/b:\nc  g\n\na/b/c:\n\na/d:\n');
    // Each line runs a moment after the one before, so the later touch is newer.
    expect(await sh('touch old', 'touch new', 'ls -t', 'ls -tr')).toBe('new  old\nold  new\n');
  });

  it('reports a missing path with ls status 2 and cat status 1', async () => {
    expect(await sh('ls nope; echo $?', 'cat nope.yaml; echo $?')).toBe(
      "ls: cannot access 'nope': No such file or directory\n2\ncat: nope.yaml: No such file or directory\n1\n",
    );
  });

  it('copies stdin to files with tee and appends with -a', async () => {
    expect(await sh('echo a | tee f', 'echo b | tee -a f > /dev/null', 'cat f')).toBe('a\na\nb\n');
  });

  it('makes directories, moves into them and removes them', async () => {
    expect(await sh('mkdir -p x/y', 'cd x/y; pwd', 'cd ..; cd ..', 'rm x; rm -r x; ls')).toBe(
      "/home/learner/x/y\nrm: cannot remove 'x': Is a directory\n",
    );
  });

  it("prints bash's cd error", async () => {
    expect(await sh('cd nope; echo $?')).toBe('bash: cd: nope: No such file or directory\n1\n');
  });
});

describe('ls columns', () => {
  it('fills columns top to bottom within 80 characters', () => {
    const names = Array.from({ length: 12 }, (_, i) => `manifest-${String(i).padStart(2, '0')}.yaml`);
    expect(columns(names)).toBe(
      'manifest-00.yaml  manifest-03.yaml  manifest-06.yaml  manifest-09.yaml\n' +
        'manifest-01.yaml  manifest-04.yaml  manifest-07.yaml  manifest-10.yaml\n' +
        'manifest-02.yaml  manifest-05.yaml  manifest-08.yaml  manifest-11.yaml\n',
    );
  });

  it('prints one name per line when stdout is a pipe', async () => {
    expect(await sh('touch b a', 'ls | cat')).toBe('a\nb\n');
  });
});
