import { describe, expect, it } from 'vitest';
import { parseRunArgs, runScript, splitInputs } from './run';
import { isCompleteInput } from '../sim/shell/parser';

async function run(script: string, echo = false, scenario = 'empty'): Promise<string> {
  let out = '';
  await runScript({ scenario, seed: 1, echo, source: { text: script } }, script, { write: (s) => void (out += s) });
  return out;
}

describe('netlab run', () => {
  it('gathers lines into complete inputs: heredocs, loops, continuations', () => {
    const script = 'echo a\n\ncat <<EOF\nx\nEOF\nfor i in 1\ndo\n  echo $i\ndone\necho b \\\n  c\n';
    expect(splitInputs(script, isCompleteInput)).toEqual([
      'echo a',
      'cat <<EOF\nx\nEOF',
      'for i in 1\ndo\n  echo $i\ndone',
      'echo b \\\n  c',
    ]);
  });

  it('echoes each input after $ and continuation lines after > with --echo', async () => {
    expect(await run('echo hi\nfor i in 1 2\ndo echo $i\ndone\n', true)).toBe(
      '$ echo hi\nhi\n$ for i in 1 2\n> do echo $i\n> done\n1\n2\n',
    );
  });

  it('merges stdout and stderr in order', async () => {
    expect(await run('echo out; cat nope; echo again\n')).toBe('out\ncat: nope: No such file or directory\nagain\n');
  });

  it('runs an unfinished last input and shows the syntax error', async () => {
    expect(await run("echo 'open\n")).toBe(
      "bash: unexpected EOF while looking for matching `''\nbash: syntax error: unexpected end of file\n",
    );
  });

  it('parses its options, with --seed defaulting to 1', () => {
    expect(parseRunArgs(['--scenario', 'kind-ipvs', '--echo', 'lab.sh'])).toEqual({
      scenario: 'kind-ipvs',
      seed: 1,
      echo: true,
      source: { file: 'lab.sh' },
    });
    expect(parseRunArgs(['--scenario=empty', '--seed', '42', '-c', 'echo hi'])).toEqual({
      scenario: 'empty',
      seed: 42,
      echo: false,
      source: { text: 'echo hi' },
    });
    expect(parseRunArgs(['--scenario', 'empty'])).toEqual({
      scenario: 'empty',
      seed: 1,
      echo: false,
      source: { file: '-' },
    });
    expect(parseRunArgs(['x.sh'])).toBe('netlab run: --scenario is required');
    expect(parseRunArgs(['--scenario', 'empty', '--seed', 'abc'])).toBe(
      'netlab run: --seed needs a non-negative integer, got "abc"',
    );
  });
});
