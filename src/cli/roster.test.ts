import { describe, expect, it } from 'vitest';
import { rosterCommand } from './roster';
import { learnerLink } from '../grading/links';

function run(argv: string[], env = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = rosterCommand(
    argv,
    '.',
    (s) => void (out += s),
    (s) => void (err += s),
    env,
  );
  return { code, out, err };
}

describe('netlab roster', () => {
  it('prints one link per learner of the lab, under the base path', () => {
    expect(run(['labs/week3-services.yaml', '--base', 'netlab'])).toEqual({
      code: 0,
      err: '',
      out: [
        'LEARNER   NAME           LINK',
        'alice     Alice Martin   /netlab/labs/week3-services/?learner=alice',
        'bob       Bob Okafor     /netlab/labs/week3-services/?learner=bob',
        'minsu     김민수         /netlab/labs/week3-services/?learner=minsu',
        'carol                    /netlab/labs/week3-services/?learner=carol',
        '',
      ].join('\n'),
    });
  });

  it('takes the base and site from the environment the build uses', () => {
    expect(run(['labs/week3-services.yaml'], { BASE: '/c/', SITE: 'https://x.example/' }).out).toContain(
      'https://x.example/c/labs/week3-services/?learner=alice',
    );
  });

  it('says when a lab has no roster, and exits 2 on bad arguments', () => {
    expect(run(['tests/fixtures/grading/good/labs/week1.yaml'])).toMatchObject({ code: 1 });
    expect(run([])).toMatchObject({ code: 2 });
  });

  it('escapes learner ids in links', () => {
    expect(learnerLink('week1', 'a.b_c-d', '/')).toBe('/labs/week1/?learner=a.b_c-d');
  });
});
