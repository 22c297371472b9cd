import { describe, expect, it } from 'vitest';
import { findLearner, parseRosterText } from './roster';

describe('parseRosterText', () => {
  it('reads ids with optional names after a comma or a tab, skipping comments, blanks and a header', () => {
    expect(parseRosterText('\ufeffid,name\n# group A\nalice, Alice Martin\n\nminsu\t김민수\ncarol\n')).toEqual({
      learners: [{ id: 'alice', name: 'Alice Martin' }, { id: 'minsu', name: '김민수' }, { id: 'carol' }],
      problems: [],
    });
  });

  it('names the lines it cannot use', () => {
    expect(parseRosterText('alice\nbad id, X\nAlice\n').problems).toEqual([
      'line 2: "bad id" is not a learner id (letters, digits, ".", "-" and "_", at most 64)',
      'line 3: learner "Alice" is listed twice',
    ]);
  });

  it('finds a learner without regard to case', () => {
    expect(findLearner([{ id: 'Alice' }], 'alice')).toEqual({ id: 'Alice' });
  });
});
